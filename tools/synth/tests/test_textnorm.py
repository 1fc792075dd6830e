import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import textnorm  # noqa: E402


class TextNormTest(unittest.TestCase):
    def test_numbers_money_dates_and_abbreviations(self):
        cases = {
            "Dr. Smith paid $25.50.": "doctor smith paid twenty five dollars and fifty cents",
            "On March 3, 2024 we met.": "on march third twenty twenty four we met",
            "It was 15% in the 1990s?": "it was fifteen percent in the nineteen nineties",
            "The train leaves at 7:05 pm.": "the train leaves at seven oh five p m",
            "She came 21st of 1,250.": "she came twenty first of one thousand two hundred fifty",
            "It cost $2.5 million.": "it cost two point five million dollars",
            "The FBI called.": "the f b i called",
        }
        for written, spoken in cases.items():
            self.assertEqual(" ".join(textnorm.normalize(written)[1]), spoken, written)

    def test_phone_like_digit_strings_are_read_digit_by_digit_as_the_csharp_normaliser_does(self):
        # written -> spoken; the rule of Text/TextNormalizer.IsDigitCode (README, Text for training)
        cases = [
            ("Call 555 1234 now.", "call five five five one two three four now"),
            ("Call 0800 123 456", "call zero eight zero zero one two three four five six"),
            ("+44 20 7946 0958", "plus four four two zero seven nine four six zero nine five eight"),
            ("Dial 555-1234.", "dial five five five one two three four"),
            ("Room 042", "room zero four two"),
            ("In 1995 2000 people", "in nineteen ninety five two thousand people"),
            ("In 2019, 300 people came", "in twenty nineteen three hundred people came"),
            ("123 people", "one hundred twenty three people"),
            ("3 4 year olds", "three four year olds"),
            ("12 345", "twelve three hundred forty five"),
        ]
        for written, spoken in cases:
            self.assertEqual(" ".join(textnorm.normalize(written)[1]), spoken, written)

    def test_tokens_of_a_phone_number_keep_their_own_digits(self):
        _, words, tokens = textnorm.normalize_tokens("Call 555 1234")
        self.assertEqual(tokens, [("Call", ["call"]), ("555", ["five", "five", "five"]), ("1234", ["one", "two", "three", "four"])])

    def test_tts_text_keeps_sentence_punctuation(self):
        tts, words = textnorm.normalize("Well, is it 3 o'clock? Yes.")
        self.assertEqual(tts, "well, is it three o'clock? yes.")
        self.assertEqual(words, ["well", "is", "it", "three", "o'clock", "yes"])

    def test_tokens_map_written_tokens_to_their_words(self):
        _, words, tokens = textnorm.normalize_tokens("Pay $3 now")
        self.assertEqual(tokens, [("Pay", ["pay"]), ("$3", ["three", "dollars"]), ("now", ["now"])])
        self.assertEqual(sum(len(f) for _, f in tokens), len(words))


if __name__ == "__main__":
    unittest.main()
