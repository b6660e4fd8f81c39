from otter.test_files import test_case

OK_FORMAT = False

name = "ex08_properties_answer"
points = 2

@test_case(points=None, hidden=False)
def test_format(ex08_properties_answer):
    from dlbook.grading import check_choice
    check_choice(ex08_properties_answer, 'abcdef', 'ex08_properties_answer')

