from otter.test_files import test_case

OK_FORMAT = False

name = "ex04_concepts_answer"
points = 2

@test_case(points=None, hidden=False)
def test_letters(ex04_concepts_answer):
    from dlbook.grading import check_choice
    check_choice(ex04_concepts_answer, 'abcde', 'ex04_concepts_answer')

