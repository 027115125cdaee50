using Coding.Core.Engine.Preparation;
using Coding.Core.Engine.Priors;

namespace Coding.UnitTests.Engine;

public class when_phrases_are_learned_from_training_notes
{
    private static List<(PreparedNote, IReadOnlySet<string>)> Documents(params (string Text, string[] Gold)[] documents) =>
        documents.Select(d => (NotePreparer.Prepare(d.Text), (IReadOnlySet<string>)d.Gold.ToHashSet())).ToList();

    private static string[] PhrasesOf(List<LearnedTerm> learned, string code) =>
        learned.Where(t => t.Code == code).Select(t => string.Join(' ', t.Keys)).ToArray();

    [Fact]
    public void the_word_that_carries_a_code_in_most_of_its_notes_is_kept_over_rare_exact_phrases()
    {
        // "fever" is in 8 of the 10 fever notes (and in 2 others); "quartan" and "tertian" are in 5 each, always with
        // the code, and so are "fever quartan" and "fever tertian" (3 each). Ranked by precision alone those four
        // would fill the code's 3 places and "fever" would get none. Each note's first word is its own (never learned).
        string[] names = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "kilo", "lima"];
        var documents = new List<(string, string[])>();
        for (var i = 0; i < 8; i++)
            documents.Add(($"{names[i]} fever{(i < 3 ? " quartan" : "")}{(i >= 5 ? " tertian" : "")}.", ["R509"]));
        documents.Add(($"{names[8]} quartan tertian.", ["R509"]));
        documents.Add(($"{names[9]} quartan tertian.", ["R509"]));
        documents.Add(($"{names[10]} fever.", []));
        documents.Add(($"{names[11]} fever.", []));
        for (var i = 0; i < 30; i++)
            documents.Add(("Blood pressure was normal.", []));

        var learned = LearnedTerms.Learn(Documents([.. documents]), EngineFixture.Lexicon);

        Assert.Contains("fever", PhrasesOf(learned, "R509"));
    }

    [Fact]
    public void a_phrase_that_barely_raises_a_common_codes_odds_is_not_learned()
    {
        // The code is gold in half the notes; "biopsy" is in 6 notes, 4 of them coded (67 %, above the 35 % floor, but
        // not 2.5 times the code's 50 % base rate).
        var documents = new List<(string, string[])>();
        for (var i = 0; i < 20; i++)
            documents.Add((i < 4 ? "A biopsy was taken." : "Nothing of note.", ["I10"]));
        for (var i = 0; i < 20; i++)
            documents.Add((i < 2 ? "A biopsy was taken." : "Nothing of note.", []));

        var learned = LearnedTerms.Learn(Documents([.. documents]), EngineFixture.Lexicon);

        Assert.DoesNotContain("biopsy", PhrasesOf(learned, "I10"));
    }
}
