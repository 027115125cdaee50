using Coding.Core.Engine.Preparation;
using Coding.UnitTests.TestData;

namespace Coding.UnitTests.Engine;

/// <summary>Invariants over all 500 CodiEsp English train notes, read in place from the shared data folder.</summary>
public class when_every_codiesp_train_note_is_prepared
{
    private static IEnumerable<(string Name, string Text)> Notes() =>
        Directory.EnumerateFiles(Path.Combine(SharedData.CodiEspSplit("train"), "text_files_en"), "*.txt")
            .Order(StringComparer.Ordinal)
            .Select(path => (Path.GetFileName(path), File.ReadAllText(path)));

    [Fact]
    public void there_are_500_of_them()
    {
        Assert.Equal(500, Notes().Count());
    }

    [Fact]
    public void sentences_and_tokens_have_exact_ordered_offsets_covering_every_visible_character()
    {
        foreach (var (name, text) in Notes())
        {
            var note = NotePreparer.Prepare(text);
            var covered = new int[text.Length]; // sentence id + 1 per character
            var previousEnd = 0;
            foreach (var sentence in note.Sentences)
            {
                var sentenceText = text.Substring(sentence.Start, sentence.End - sentence.Start);
                Assert.True(sentence.Start >= previousEnd, $"{name}: sentence {sentence.Id} overlaps the previous one");
                Assert.False(string.IsNullOrWhiteSpace(sentenceText), $"{name}: sentence {sentence.Id} is blank");
                Assert.Equal(sentenceText.Trim(), sentenceText);
                for (var i = sentence.Start; i < sentence.End; i++)
                    covered[i] = sentence.Id + 1;
                previousEnd = sentence.End;
            }
            for (var i = 0; i < text.Length; i++)
                Assert.True(char.IsWhiteSpace(text[i]) || covered[i] > 0, $"{name}: character {i} is in no sentence");

            var previousToken = 0;
            foreach (var token in note.Tokens)
            {
                var tokenText = text.Substring(token.Start, token.End - token.Start);
                Assert.True(token.Start >= previousToken && token.End > token.Start, $"{name}: token at {token.Start} out of order");
                Assert.Equal(token.SentenceId + 1, covered[token.Start]);
                Assert.Equal(token.SentenceId + 1, covered[token.End - 1]);
                Assert.DoesNotContain(tokenText, char.IsWhiteSpace);
                if (token.Kind != TokenKind.Punctuation)
                    Assert.Equal(TermNormalizer.Fold(tokenText), token.Norm);
                previousToken = token.End;
            }
            Assert.Equal(text.Count(c => !char.IsWhiteSpace(c)), note.Tokens.Sum(t => t.Length));
        }
    }

    [Fact]
    public void no_sentence_spans_two_lines_of_these_one_sentence_per_line_files()
    {
        var crossing = new List<string>();
        foreach (var (name, text) in Notes())
        {
            var note = NotePreparer.Prepare(text);
            crossing.AddRange(note.Sentences.Where(s => text.AsSpan(s.Start, s.Length).Contains('\n')).Select(s => $"{name}@{s.Start}"));
        }
        Assert.Empty(crossing);
    }

    [Fact]
    public void every_word_can_be_asserted_and_every_cue_points_at_its_text()
    {
        foreach (var (_, text) in Notes())
        {
            var note = NotePreparer.Prepare(text);
            foreach (var token in note.Tokens)
            {
                if (token.Kind != TokenKind.Word)
                    continue;
                var assertion = AssertionDetector.Assert(note, token.Start, token.End);
                if (assertion.Cue is { Source: AssertionCueSource.Trigger } cue)
                    Assert.Equal(cue.Text, text[cue.Start..cue.End]);
            }
        }
    }
}
