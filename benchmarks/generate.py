"""Seeded generator of realistic article-version pairs with paragraph-level ground truth.

    python benchmarks/generate.py --paragraphs 10000 --seed 1 --out /tmp/newsdiff-bench/p10000

Writes ``left.txt`` and ``right.txt`` (one paragraph per line, paragraphs separated by a blank
line, ~350 characters each) and ``truth.json``::

    {"left_units": [text, ...], "right_units": [text, ...],
     "links": [[i, j, kind], ...], "meta": {"seed": ..., "paragraphs": ..., "kinds": {...}}}

``kind`` is ``same | edited | reworded | split | merged | moved``. A split gives one link per
right piece, a merge one link per left source; deleted and inserted paragraphs have no link.

Edit model, drawn per left paragraph (the proportions of wire-copy revisions, where most
paragraphs survive and a few are rewritten, cut, added, split, merged or moved)::

    56% same          unchanged
    20% edited        1-4 words substituted, inserted or deleted, often a digit in a number
     5% reworded      clauses reordered and about half of the content words swapped for
                      synonyms (a paraphrase)
     4% deleted
     4% split         a paragraph of >= 2 sentences becomes two (at a sentence boundary)
     4% merged        with the following paragraph
     4% moved         unchanged text relocated 5-50 paragraphs away
    plus a fresh inserted paragraph after ~4% of the slots.

Text: 1-5 sentences of 8-30 words drawn Zipf-style from a fixed vocabulary (function words,
~300 news words, pseudo-words), with numbers (``42.7 percent``, ``$318.5 million``, years),
people, places and quoted speech. Every paragraph is unique on its side. The vocabulary is
fixed (its own seed), so the same ``(paragraphs, seed)`` always gives byte-identical files.
Standard library only. Cost: O(n); 50,000 paragraphs take a few seconds.
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import json
import random
from pathlib import Path

SIZES = (100, 1_000, 10_000, 50_000)
KINDS = ("same", "edited", "reworded", "deleted", "split", "merged", "moved")
WEIGHTS = (56, 20, 5, 4, 4, 4, 4)
INSERT_RATE = 0.04

FUNCTION = (
    "the of and to a in that is was for on with as by at from it he she they his her their its "
    "be have has had not but or an this which who will would were been are more after over "
    "than also into about up out when there one two first last all can could some other no if "
    "so we our them may while before under between during against since where"
).split()
CONTENT = (
    "government minister president police city country state people year week day month "
    "official report company market price share bank money court judge law case trial "
    "election vote party leader campaign support crisis war peace army troops border attack "
    "security force group member family child school student teacher hospital doctor health "
    "patient virus water fire storm flood rain weather climate energy oil gas power plant road "
    "car train flight airport plane ship port trade deal talks meeting agreement plan policy "
    "budget tax debt growth economy job worker union strike protest crowd street building house "
    "home village region area capital north south east west coast island river mountain forest "
    "farm food crop rise fall drop increase decline record level rate figure data study "
    "research scientist expert analyst spokesman statement interview news agency press "
    "reporter media network television radio internet phone software technology system "
    "service customer industry factory production export import total average estimate "
    "morning evening night weekend season summer winter history future decision question "
    "answer problem issue concern risk threat warning response measure step effort change "
    "reform investigation inquiry evidence charge arrest prison sentence victim witness "
    "lawyer prosecutor defence appeal ruling parliament senate congress committee council "
    "commission ministry department office authority administration cabinet opposition "
    "coalition alliance treaty sanction aid fund loan investment investor profit loss revenue "
    "sales demand supply shortage cost inflation unemployment wage pension benefit"
).split()
VERBS = (
    "announced confirmed rejected approved warned urged called expected plans agreed denied "
    "reported estimated launched opened closed reached raised cut blocked signed backed "
    "criticised welcomed delayed extended ordered promised"
).split()
FIRST = (
    "Maria James Amina Chen Olga Pedro Fatima David Anna Kwame Sofia Raj Elena Tom Noor Ivan "
    "Grace Hassan Lucia Peter Mei Omar Ingrid Samuel Leila Tomas Yusuf Sarah Miguel Aisha"
).split()
LAST = (
    "Lopez Smith Okafor Wang Petrova Silva Haddad Cohen Berg Mensah Rossi Patel Novak Brown "
    "Khan Ivanov Muller Garcia Tanaka Nguyen Larsen Adeyemi Duarte Kowalski Moreau Suzuki"
).split()
ROLES = "spokesman spokeswoman minister official analyst economist mayor commander".split()
PLACES = (
    "Lagos Lima Oslo Dhaka Quito Tunis Riga Accra Perth Hanoi Bergen Nantes Sapporo Valencia "
    "Cordoba Izmir Malmo Kigali Davao Leeds Gdansk Porto Mombasa Tbilisi"
).split()
SYNONYMS = {
    "government": "administration", "minister": "secretary", "president": "leader",
    "people": "residents", "company": "firm", "official": "officer", "report": "account",
    "price": "cost", "money": "funds", "court": "tribunal", "law": "legislation",
    "election": "poll", "vote": "ballot", "crisis": "emergency", "war": "conflict",
    "army": "military", "troops": "soldiers", "attack": "assault", "child": "youngster",
    "hospital": "clinic", "storm": "hurricane", "road": "highway", "car": "vehicle",
    "deal": "accord", "talks": "negotiations", "meeting": "summit", "plan": "proposal",
    "job": "post", "protest": "demonstration", "house": "residence", "rise": "increase",
    "fall": "decline", "drop": "slump", "record": "all-time", "study": "survey",
    "expert": "specialist", "statement": "communique", "agency": "bureau", "press": "media",
    "problem": "difficulty", "issue": "matter", "concern": "worry", "risk": "danger",
    "warning": "alert", "measure": "step", "effort": "attempt", "change": "shift",
    "inquiry": "probe", "arrest": "detention", "prison": "jail", "lawyer": "attorney",
    "ruling": "verdict", "ministry": "department", "opposition": "rivals", "aid": "assistance",
    "loan": "credit", "profit": "earnings", "sales": "turnover", "wage": "pay",
    "announced": "declared", "confirmed": "verified", "rejected": "dismissed",
    "approved": "endorsed", "warned": "cautioned", "urged": "pressed", "expected": "forecast",
    "agreed": "accepted", "denied": "refuted", "reported": "said", "launched": "started",
    "reached": "hit", "raised": "lifted", "cut": "reduced", "blocked": "halted",
    "signed": "inked", "backed": "supported", "criticised": "condemned", "delayed": "postponed",
    "promised": "pledged", "big": "large", "new": "fresh", "said": "stated",
}  # fmt: skip


def _vocabulary() -> tuple[list[str], list[float]]:
    """Content words then pseudo-words, with Zipf cumulative weights. Fixed (own seed)."""
    rng = random.Random(20240101)
    onsets = "b c d f g h k l m n p r s t v w z br cr dr gr pl st tr".split()
    vowels = "a e i o u ai ea ou".split()
    codas = "n r l s t m nd rt st nt ck ll ng rd ld mp".split()
    seen = set(CONTENT) | set(FUNCTION)
    pseudo: list[str] = []
    while len(pseudo) < 2500:
        word = "".join(rng.choice(onsets) + rng.choice(vowels) for _ in range(rng.randint(1, 3)))
        word += rng.choice(codas)
        if word not in seen:
            seen.add(word)
            pseudo.append(word)
    words = CONTENT + pseudo
    cumulative = list(itertools.accumulate(1.0 / (rank + 8) for rank in range(len(words))))
    return words, cumulative


class _Writer:
    """Draws sentences and paragraphs, and their edits, from one seeded RNG."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.words, self.cumulative = _vocabulary()

    def word(self) -> str:
        r = self.rng.random() * self.cumulative[-1]
        return self.words[bisect.bisect(self.cumulative, r)]

    def number(self) -> str:
        r, rng = self.rng.random(), self.rng
        if r < 0.3:
            return f"{rng.randint(1, 99)}.{rng.randint(0, 9)} percent"
        if r < 0.55:
            unit = rng.choice(("million", "billion"))
            return f"${rng.randint(1, 999)}.{rng.randint(0, 9)} {unit}"
        if r < 0.75:
            return str(rng.randint(1950, 2030))
        return f"{rng.randint(1, 99)},{rng.randint(0, 999):03d}"

    def name(self) -> str:
        return f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"

    def clause(self, n: int) -> list[str]:
        rng = self.rng
        out: list[str] = []
        for _ in range(n):
            r = rng.random()
            if r < 0.42:
                out.append(rng.choice(FUNCTION))
            elif r < 0.5:
                out.append(rng.choice(VERBS))
            elif r < 0.54:
                out.append(self.number())
            elif r < 0.57:
                out.append(rng.choice(PLACES))
            else:
                out.append(self.word())
        return out

    def sentence(self) -> str:
        rng = self.rng
        n = rng.randint(8, 30)
        if rng.random() < 0.2:  # quoted speech
            body = " ".join(self.clause(n - 6))
            who = f"{self.name()}, a {rng.choice(ROLES)} in {rng.choice(PLACES)}"
            return f"\u201c{body[0].upper()}{body[1:]},\u201d said {who}."
        words = self.clause(n)
        if n > 14 and rng.random() < 0.6:
            words[n // 2] += ","
        text = " ".join(words)
        return text[0].upper() + text[1:] + rng.choice("....?")

    def paragraph(self, min_sentences: int = 1) -> list[str]:
        count = max(min_sentences, min(5, int(self.rng.expovariate(0.36)) + 1))
        return [self.sentence() for _ in range(count)]

    def edit(self, text: str) -> str:
        """1-4 word substitutions, insertions or deletions; often a changed digit."""
        rng = self.rng
        tokens = text.split(" ")
        for _ in range(rng.randint(1, 4)):
            digits = [k for k, t in enumerate(tokens) if any(c.isdigit() for c in t)]
            r = rng.random()
            if digits and r < 0.35:
                k = rng.choice(digits)
                chars = list(tokens[k])
                spots = [m for m, c in enumerate(chars) if c.isdigit()]
                m = rng.choice(spots)
                chars[m] = str((int(chars[m]) + rng.randint(1, 9)) % 10)
                tokens[k] = "".join(chars)
            elif r < 0.7 and len(tokens) > 1:
                k = rng.randrange(1, len(tokens))
                tokens[k] = self.word() + ("," if tokens[k].endswith(",") else "")
                if tokens[k - 1].endswith((".", "?")):
                    tokens[k] = tokens[k].capitalize()
            elif r < 0.85:
                tokens.insert(rng.randrange(1, len(tokens) + 1), self.word())
            elif len(tokens) > 6:
                k = rng.randrange(1, len(tokens) - 1)
                if not tokens[k].endswith((".", "?", "\u201d")):
                    del tokens[k]
        return " ".join(tokens)

    def reword(self, sentences: list[str]) -> list[str]:
        """A paraphrase: sentences and clauses reordered, ~half the content words swapped."""
        rng = self.rng
        out = []
        for sentence in sentences:
            clauses = [c.strip() for c in sentence.split(",") if c.strip()]
            rng.shuffle(clauses)
            words = " , ".join(clauses).split()
            for k, w in enumerate(words):
                bare = w.strip(".?\u201c\u201d").lower()
                if bare in FUNCTION:
                    if rng.random() < 0.15:
                        words[k] = rng.choice(FUNCTION)
                elif bare in SYNONYMS and rng.random() < 0.8:
                    words[k] = w.lower().replace(bare, SYNONYMS[bare])
                elif rng.random() < 0.35:
                    words[k] = self.word()
            text = " ".join(words).replace(" , ", ", ").strip(" ,")
            text = text.replace("\u201c", "").replace("\u201d", "").rstrip(".?") + "."
            out.append(text[0].upper() + text[1:])
        if len(out) > 1:
            rng.shuffle(out)
        return out


def generate(paragraphs: int, seed: int) -> dict:
    """The pair and its truth as a dict (``left_units``, ``right_units``, ``links``, ``meta``)."""
    rng = random.Random(seed)
    writer = _Writer(rng)
    seen_left: set[str] = set()
    left_sentences: list[list[str]] = []
    while len(left_sentences) < paragraphs:
        sentences = writer.paragraph()
        text = " ".join(sentences)
        if text not in seen_left:
            seen_left.add(text)
            left_sentences.append(sentences)
    left = [" ".join(s) for s in left_sentences]

    # Right side as items (text, [(left index, kind), ...], sort position).
    items: list[tuple[str, list[tuple[int, str]], float]] = []
    seen_right: set[str] = set()
    moved: list[int] = []

    def unique(text: str, make) -> str:
        while text in seen_right:
            text = make()
        seen_right.add(text)
        return text

    def add(text: str, sources: list[tuple[int, str]]) -> None:
        items.append((text, sources, float(len(items))))

    i = 0
    while i < paragraphs:
        kind = rng.choices(KINDS, WEIGHTS)[0]
        sentences = left_sentences[i]
        if kind == "split" and len(sentences) < 2:
            kind = "edited"
        if kind == "merged" and i + 1 >= paragraphs:
            kind = "same"
        if kind == "same":
            add(unique(left[i], lambda i=i: writer.edit(left[i])), [(i, "same")])
        elif kind == "edited":
            add(unique(writer.edit(left[i]), lambda i=i: writer.edit(left[i])), [(i, "edited")])
        elif kind == "reworded":
            text = " ".join(writer.reword(sentences))
            add(unique(text, lambda s=sentences: " ".join(writer.reword(s))), [(i, "reworded")])
        elif kind == "split":
            cut = rng.randint(1, len(sentences) - 1)
            for part in (sentences[:cut], sentences[cut:]):
                text = " ".join(part)
                if rng.random() < 0.3:
                    text = writer.edit(text)
                add(unique(text, lambda p=part: writer.edit(" ".join(p))), [(i, "split")])
        elif kind == "merged":
            text = left[i] + " " + left[i + 1]
            add(unique(text, lambda t=text: writer.edit(t)), [(i, "merged"), (i + 1, "merged")])
            i += 1
        elif kind == "moved":
            moved.append(i)
            add("", [(i, "moved")])  # placeholder, replaced below
        if rng.random() < INSERT_RATE:
            add(unique(" ".join(writer.paragraph()), lambda: " ".join(writer.paragraph())), [])
        i += 1

    by_left = {sources[0][0]: k for k, (_, sources, _) in enumerate(items) if sources}
    for li in moved:
        k = by_left[li]
        offset = rng.randint(5, 50) * rng.choice((-1, 1))
        target = min(max(k + offset, 0), len(items) - 1)
        text = unique(left[li], lambda li=li: writer.edit(left[li]))
        items[k] = (text, [(li, "moved")], target + (0.5 if offset > 0 else -0.5))
    items.sort(key=lambda item: item[2])

    right = [text for text, _, _ in items]
    links = [[li, j, kind] for j, (_, sources, _) in enumerate(items) for li, kind in sources]
    links.sort()
    counts: dict[str, int] = {}
    for _, sources, _ in items:
        kind = sources[0][1] if sources else "inserted"
        counts[kind] = counts.get(kind, 0) + 1
    counts["deleted"] = paragraphs - len({li for li, _, _ in links})
    meta = {"seed": seed, "paragraphs": paragraphs, "right_paragraphs": len(right), "kinds": counts}
    return {"left_units": left, "right_units": right, "links": links, "meta": meta}


def write_pair(pair: dict, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for side in ("left", "right"):
        text = "\n\n".join(pair[f"{side}_units"]) + "\n"
        (out / f"{side}.txt").write_text(text, encoding="utf-8")
    (out / "truth.json").write_text(json.dumps(pair, ensure_ascii=False) + "\n", encoding="utf-8")


def ensure_pair(paragraphs: int, seed: int, root: Path) -> Path:
    """Generate ``root/p{paragraphs}_s{seed}`` unless it is already there; return it."""
    out = root / f"p{paragraphs}_s{seed}"
    if not (out / "truth.json").exists():
        write_pair(generate(paragraphs, seed), out)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="Each pair is a folder holding left.txt, right.txt and truth.json (the links "
        "between their paragraphs, for truth_score.py); one JSON line per pair is printed.",
    )
    parser.add_argument(
        "--paragraphs", "-n", type=int, nargs="+", default=list(SIZES), metavar="N",
        help=f"paragraphs per article, one pair per N (default: {' '.join(map(str, SIZES))})",
    )  # fmt: skip
    parser.add_argument("--seed", type=int, default=1, help="same seed, same bytes (default 1)")
    parser.add_argument(
        "--out", type=Path, default=Path("/tmp/newsdiff-bench"),
        help="the pair's folder for one N, else the parent of pN_sSEED folders "
        "(default /tmp/newsdiff-bench)",
    )  # fmt: skip
    args = parser.parse_args()
    for n in args.paragraphs:
        out = args.out if len(args.paragraphs) == 1 else args.out / f"p{n}_s{args.seed}"
        pair = generate(n, args.seed)
        write_pair(pair, out)
        print(json.dumps({"out": str(out), **pair["meta"]}))


if __name__ == "__main__":
    main()
