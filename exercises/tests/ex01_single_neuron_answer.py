from otter.test_files import test_case

OK_FORMAT = False

name = "ex01_single_neuron_answer"
points = 2

@test_case(points=None, hidden=False)
def test_format(ex01_single_neuron_answer):
    from dlbook.grading import check_choice
    check_choice(ex01_single_neuron_answer, 'abcdef', 'ex01_single_neuron_answer')

