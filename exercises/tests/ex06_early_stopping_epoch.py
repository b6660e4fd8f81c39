from otter.test_files import test_case

OK_FORMAT = False

name = "ex06_early_stopping_epoch"
points = 4

@test_case(points=None, hidden=False)
def test_a_clear_minimum(early_stopping_epoch):
    from dlbook.grading import call, check_answer
    got = check_answer(call(early_stopping_epoch, 'early_stopping_epoch', [1.0, 0.8, 0.6, 0.7, 0.9, 1.1], 2), 'early_stopping_epoch')
    assert got == 2, f'the losses [1.0, 0.8, 0.6, 0.7, 0.9, 1.1] are lowest at epoch 2, not {got}'

