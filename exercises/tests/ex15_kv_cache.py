from otter.test_files import test_case

OK_FORMAT = False

name = "ex15_kv_cache"
points = 2

@test_case(points=None, hidden=False)
def test_a_number(ex15_kv_cache_answer):
    from dlbook.grading import check_answer
    value = check_answer(ex15_kv_cache_answer, 'ex15_kv_cache_answer')
    assert isinstance(value, (int, float)) and value > 0, f'ex15_kv_cache_answer should be a positive number, not {value!r:.40}'

