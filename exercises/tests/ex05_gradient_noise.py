from otter.test_files import test_case

OK_FORMAT = False

name = "ex05_gradient_noise"
points = 2

@test_case(points=None, hidden=False)
def test_answer_is_letters(ex05_gradient_noise_answer):
    from dlbook.grading import check_choice
    check_choice(ex05_gradient_noise_answer, 'abcde', 'ex05_gradient_noise_answer')

