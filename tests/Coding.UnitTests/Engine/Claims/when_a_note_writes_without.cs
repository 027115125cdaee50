using Coding.Core.Codebooks;
using Coding.Core.Engine.Lexicon;
using static Coding.UnitTests.Engine.Claims.ClaimsFixture;

namespace Coding.UnitTests.Engine.Claims;

/// <summary>
/// "Without" names an absence (I.A.15; the Index's "without" subterms): the words after it are never evidence for the
/// sibling that has them ("migraine without aura" is not "migraine with aura", "puncture wound without foreign body" is
/// not the wound "with foreign body").
/// </summary>
public class when_a_note_writes_without
{
    private static IReadOnlyList<string> Matched(string text) => ClaimsFixture.Matched(Lexicon, text);

    [Fact]
    public void a_qualifier_written_after_without_does_not_match_the_sibling_that_has_it()
    {
        Assert.DoesNotContain("G43109", Matched("ASSESSMENT: Migraine without aura, not intractable."));
        Assert.DoesNotContain("S51842A", Matched("DIAGNOSIS: Puncture wound without foreign body of left forearm, initial encounter."));
    }

    [Fact]
    public void the_same_qualifier_written_with_with_still_matches()
    {
        Assert.Contains("G43109", Matched("ASSESSMENT: Migraine with aura, not intractable."));
        Assert.Contains("S51842A", Matched("DIAGNOSIS: Puncture wound with foreign body of left forearm, initial encounter."));
    }

    [Fact]
    public void a_phrase_that_says_without_itself_still_matches()
    {
        // A phrase learned from a note ("migraine without aura" for G43.009) is keyed on migraine and aura: the note's
        // "without" is the phrase's own.
        var lexicon = Lexicon.With([new LexiconTerm(StatusTerms.FirstId - 1, "G43009", TermKind.Inclusion, "migraine without aura")]);
        Assert.Contains("G43009", ClaimsFixture.Matched(lexicon, "ASSESSMENT: Migraine without aura, not intractable."));
    }
}
