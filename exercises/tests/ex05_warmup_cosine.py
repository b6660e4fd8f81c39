from otter.test_files import test_case

OK_FORMAT = False

name = "ex05_warmup_cosine"
points = 3

@test_case(points=None, hidden=False)
def test_three_points_by_hand(warmup_cosine):
    from dlbook.grading import call, check_array
    check_array(call(warmup_cosine, 'warmup_cosine', 0, 1.0, 10, 100), 0.0, 'warmup_cosine at step 0')
    check_array(call(warmup_cosine, 'warmup_cosine', 5, 1.0, 10, 100), 0.5, 'warmup_cosine halfway through warm-up')
    check_array(call(warmup_cosine, 'warmup_cosine', 10, 1.0, 10, 100), 1.0, 'warmup_cosine at the end of warm-up')

