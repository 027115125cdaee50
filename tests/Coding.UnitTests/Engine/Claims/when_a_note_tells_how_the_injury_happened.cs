using Coding.Core.Engine.Lexicon;
using static Coding.UnitTests.Engine.Claims.ClaimsFixture;

namespace Coding.UnitTests.Engine.Claims;

/// <summary>
/// An emergency note tells the mechanism as a story ("slipped on ice and fell", "knife slipped"); the External Cause
/// Index names it as a main term and subterm ("Fall, same level, from slipping" W01.0-, "Contact, knife" W26.0-).
/// The story's words find the Index's code (Guidelines I.C.20: an external cause with its injury).
/// </summary>
public class when_a_note_tells_how_the_injury_happened
{
    private static readonly TermLexicon WithUsPhrases = Lexicon.With(StatusTerms.DrugTerms());

    private static IReadOnlyList<string> Matched(string text) => ClaimsFixture.Matched(WithUsPhrases, text);

    [Fact]
    public void a_slip_on_ice_is_a_fall_on_the_same_level_from_slipping() =>
        Assert.Contains("W010XXA", Matched("HPI: 34-year-old man slipped on ice while walking to work and fell onto his right wrist."));

    [Fact]
    public void a_fall_from_a_roof_and_a_knife_that_slipped_are_their_index_entries()
    {
        Assert.Contains("W132XXA", Matched("Roofer who lost his footing and fell from the roof of a house under construction."));
        Assert.Contains("W260XXA", Matched("Cutting onions with a chef's knife, knife slipped -> laceration of the left index finger."));
    }

    [Fact]
    public void a_fall_the_note_does_not_describe_as_a_slip_is_not_one() =>
        Assert.DoesNotContain("W010XXA", Matched("Found on the floor by her son; unclear how she fell. Denies tripping."));
}
