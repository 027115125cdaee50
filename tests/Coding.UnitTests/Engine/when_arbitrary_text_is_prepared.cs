using Coding.Core.Engine.Preparation;

namespace Coding.UnitTests.Engine;

/// <summary>Seeded random text built from the characters the scanners branch on: nothing may throw or misplace an offset.</summary>
public class when_arbitrary_text_is_prepared
{
    private static readonly string[] Pieces =
    [
        "a", "B", "é", "Ü", "ß", "æ", "1", "22", ".", "!", "?", ":", ";", ",", "'", "’", "-", "/", "&", "(", ")", " ", "  ", "\t",
        "\n", "\r\n", "\n\n", "\ud83d\ude00", "\ud83d", "no ", "not seen", "PMH:", "ASSESSMENT:", "r/o", "a-fib", "Dr.", "e.g.",
        "1. ", "mg. ", "history of ", "family history", "if ", "IF ", "denies ", "past 3 days", "resolved", "FH: ",
    ];

    [Fact]
    public void offsets_stay_exact_and_every_span_can_be_asserted()
    {
        var random = new Random(20261123);
        for (var round = 0; round < 2000; round++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(0, 40)).Select(_ => Pieces[random.Next(Pieces.Length)]));
            var note = NotePreparer.Prepare(text);

            var previous = 0;
            foreach (var sentence in note.Sentences)
            {
                Assert.InRange(sentence.Start, previous, text.Length);
                Assert.InRange(sentence.End, sentence.Start + 1, text.Length);
                previous = sentence.End;
            }
            Assert.Equal(text.Count(c => !char.IsWhiteSpace(c)), note.Tokens.Sum(t => t.Length));
            Assert.All(note.Tokens, t => Assert.True(t.SentenceId >= 0));
            for (var probe = 0; probe < 5 && text.Length > 0; probe++)
            {
                var start = random.Next(text.Length);
                var end = random.Next(start, text.Length + 1);
                var assertion = AssertionDetector.Assert(note, start, end);
                if (assertion.Cue is { } cue)
                    Assert.Equal(cue.Text, text[cue.Start..cue.End]);
            }
        }
    }
}
