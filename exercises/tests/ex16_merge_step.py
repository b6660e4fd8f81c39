from otter.test_files import test_case

OK_FORMAT = False

name = "ex16_merge_step"
points = 3

@test_case(points=None, hidden=False)
def test_by_hand(merge_most_frequent):
    from dlbook.grading import call, check_tuple
    got = call(merge_most_frequent, 'merge_most_frequent', {('l', 'o', 'w'): 5, ('l', 'o', 'w', 'e', 'r'): 2})
    pair, new_words = check_tuple(got, ('pair', 'new_words'), 'merge_most_frequent(words)')
    assert tuple(pair) == ('l', 'o'), f"('l', 'o') and ('o', 'w') both occur 7 times; ('l', 'o') sorts first, not {pair}"
    assert new_words == {('lo', 'w'): 5, ('lo', 'w', 'e', 'r'): 2}, f'the merged words are wrong: {new_words}'

