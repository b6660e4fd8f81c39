from otter.test_files import test_case

OK_FORMAT = False

name = "ex03_concepts_answer"
points = 2

@test_case(points=None, hidden=False)
def test_letters(ex03_concepts_answer):
    from dlbook.grading import check_choice
    check_choice(ex03_concepts_answer, 'abcde', 'ex03_concepts_answer')

