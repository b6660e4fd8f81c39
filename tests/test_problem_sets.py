"""Each chapter's exercises are a real problem set (design §5): enough questions of several kinds, rising difficulty,
feedback that names the typical mistakes, and no answer within a learner's reach."""

import importlib.util
import re

import nbformat
import pytest

from dlbook import exercises

ROOT = exercises.ROOT
MASTERS = exercises.masters()
KINDS = ("extend", "derive", "model", "debug", "concepts")
HEADING = re.compile(r"^## \d+\. .+ (★{1,3}) · (" + "|".join(KINDS) + r")$")
MISTAKE_FILES = sorted((ROOT / "tests" / "mistakes").glob("ch[0-9][0-9].py"))


def _mistakes(path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.MISTAKES


MISTAKES = [(path.stem, *mistake) for path in MISTAKE_FILES for mistake in _mistakes(path)]


def _master(question):
    return next(m for m in MASTERS if m.name[:2] == question[2:4])


@pytest.fixture(scope="module")
def questions():
    return {master.name: exercises.questions(master) for master in MASTERS}


@pytest.fixture(scope="module")
def solved():
    """Each master's notebook with every question answered by its solution (computed once per master)."""
    cache = {}
    return lambda master: (
        cache[master.name]
        if master.name in cache
        else cache.setdefault(master.name, exercises.solved(master))
    )


@pytest.mark.parametrize("master", MASTERS, ids=lambda p: p.stem)
def test_a_problem_set_has_five_questions_of_three_kinds_with_rising_difficulty(master, questions):
    found = questions[master.name]
    assert len(found) >= 5 and sum(q["points"] for q in found.values()) >= 12, (
        "at least 5 questions and 12 points"
    )
    headings = [q["prompt"].splitlines()[0] for q in found.values()]
    parsed = [HEADING.match(h) for h in headings]
    assert all(parsed), f"each question's heading ends with its stars and kind, e.g. '★★ · debug': {headings}"
    stars = [len(m.group(1)) for m in parsed]
    assert stars == sorted(stars) and stars[-1] == 3, f"difficulty rises to at least one ★★★: {stars}"
    assert len({m.group(2) for m in parsed}) >= 3, "questions of at least three kinds"
    text = "\n".join(c.source for c in nbformat.read(master, as_version=4).cells if c.cell_type == "markdown")
    further = re.search(r"^## Going further\n(.*)", text, re.M | re.S)
    assert further and 3 <= len(re.findall(r"^\d+\. ", further.group(1), re.M)) <= 5, (
        "3-5 Going further questions"
    )


@pytest.mark.parametrize("master", MASTERS, ids=lambda p: p.stem)
def test_hard_questions_have_two_typical_mistakes(master, questions):
    # that each solution passes its own tests is test_exercises.py's full marks, graded by otter in a kernel
    for name, question in questions[master.name].items():
        if question["stars"] >= 2:
            assert sum(m[1] == name for m in MISTAKES) >= 2, (
                f"{name} needs two typical mistakes in tests/mistakes/"
            )


@pytest.mark.parametrize(("chapter", "question", "code", "says"), MISTAKES, ids=lambda v: str(v)[:40])
def test_feedback_names_the_typical_mistake(chapter, question, code, says, questions, solved):
    assert chapter == f"ch{question[2:4]}", f"{question} belongs in tests/mistakes/ch{question[2:4]}.py"
    master = _master(question)
    env = dict(solved(master))
    exec(code, env)
    messages = exercises.failures(questions[master.name][question]["tests"], env)
    assert messages, f"{question}: the typical mistake passes every test"
    assert any(says.lower() in m.lower() for m in messages), (
        f"{question}: no message names '{says}': {messages}"
    )


def _defined(source):
    return set(re.findall(r"^(?:def|class) (\w+)\b", source, re.M))


@pytest.mark.parametrize("master", MASTERS, ids=lambda p: p.stem)
def test_no_answer_is_within_reach(master, questions):

    in_chapters = set()
    for chapter in (ROOT / "notebooks").glob("*.ipynb"):
        in_chapters |= _defined("\n".join(c.source for c in nbformat.read(chapter, as_version=4).cells))
    in_dlbook = set()
    for module in (ROOT / "dlbook").rglob("*.py"):
        in_dlbook |= _defined(module.read_text())
    public = [p.read_text() for p in (ROOT / "exercises" / "tests").glob(f"ex{master.name[:2]}_*.py")]
    student = (ROOT / "exercises" / master.name).read_text()
    for name, question in questions[master.name].items():
        for graded in _defined(question["solution"]):
            assert graded not in in_chapters, f"{name}: `{graded}` is defined in a chapter notebook"
            assert graded not in in_dlbook, f"{name}: `{graded}` is defined in dlbook"
        body = [
            line.strip()
            for line in question["solution"].splitlines()
            if len(line.strip()) > 25 and not line.strip().startswith(("def ", '"""', "#"))
        ]
        for line in body:
            assert line not in student, f"{name}: the student notebook contains the solution line {line!r}"
            assert not any(line in text for text in public), f"{name}: a public test contains {line!r}"
    for text in public:
        assert "def reference" not in text, "a public test holds a reference implementation"
