from otter.test_files import test_case

OK_FORMAT = False

name = "ex23_precision_facts_answer"
points = 2

@test_case(points=None, hidden=False)
def test_format(ex23_precision_facts_answer):
    from dlbook.grading import check_choice
    check_choice(ex23_precision_facts_answer, 'abcdef', 'ex23_precision_facts_answer')

