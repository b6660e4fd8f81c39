from otter.test_files import test_case

OK_FORMAT = False

name = "ex18_optimal_discriminator"
points = 2

@test_case(points=None, hidden=False)
def test_optimal_discriminator_is_a_probability(ex18_optimal_discriminator_answer):
    from dlbook.grading import check_answer
    value = float(check_answer(ex18_optimal_discriminator_answer, 'ex18_optimal_discriminator_answer'))
    assert 0 < value < 1, f'D*(0) is a probability, strictly between 0 and 1; you gave {value}.'

