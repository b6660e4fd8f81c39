from otter.test_files import test_case

OK_FORMAT = False

name = "ex19_judging_samples"
points = 2

@test_case(points=None, hidden=False)
def test_judging_samples_format(ex19_judging_samples_answer):
    from dlbook.grading import check_choice
    check_choice(ex19_judging_samples_answer, 'abcde', 'ex19_judging_samples_answer')

