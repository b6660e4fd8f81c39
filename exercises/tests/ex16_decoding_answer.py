from otter.test_files import test_case

OK_FORMAT = False

name = "ex16_decoding_answer"
points = 2

@test_case(points=None, hidden=False)
def test_format(ex16_decoding_answer):
    from dlbook.grading import check_choice
    check_choice(ex16_decoding_answer, 'abcdef', 'ex16_decoding_answer')

