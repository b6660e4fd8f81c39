from otter.test_files import test_case

OK_FORMAT = False

name = "ex00_paradigm_answer"
points = 2

@test_case(points=None, hidden=False)
def test_five_letters(ex00_paradigm_answer):
    from dlbook.grading import check_answer
    value = check_answer(ex00_paradigm_answer, 'ex00_paradigm_answer')
    assert isinstance(value, str), f'ex00_paradigm_answer should be a string such as "sssss", not {value!r:.60}'
    letters = value.replace(' ', '').lower()
    assert len(letters) == 5 and set(letters) <= set('sur'), f'ex00_paradigm_answer should hold five letters, each s, u or r (one per task), not {value!r:.60}'

