from otter.test_files import test_case

OK_FORMAT = False

name = "ex16_bpe_encode"
points = 4

@test_case(points=None, hidden=False)
def test_examples(bpe_encode_word):
    from dlbook.grading import call, check_answer
    merges = [('l', 'o'), ('lo', 'w'), ('e', 'r')]
    for word, expected in (('lower', ['low', 'er']), ('slow', ['s', 'low']), ('xyz', ['x', 'y', 'z'])):
        got = check_answer(call(bpe_encode_word, 'bpe_encode_word', word, merges), f'bpe_encode_word({word!r}, merges)')
        assert list(got) == expected, f'bpe_encode_word({word!r}, merges) should be {expected}, not {got!r:.80}'

