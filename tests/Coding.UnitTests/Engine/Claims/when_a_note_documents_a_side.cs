using Coding.Core.Engine.Candidates;
using Coding.Core.Engine.Claims;
using Coding.Core.Engine.Preparation;
using static Coding.UnitTests.Engine.Claims.ClaimsFixture;

namespace Coding.UnitTests.Engine.Claims;

/// <summary>Guidelines I.B.13: the side the documentation names is coded; the unspecified-side code is for notes that do not say.</summary>
public class when_a_note_documents_a_side
{
    private static IReadOnlyList<string> Resolved(string text, string code, string phrase)
    {
        var note = NotePreparer.Prepare(text);
        var set = Laterality.Resolve(note, new CandidateSet([Code(note, code, phrase)], []), Lexicon);
        return set.Candidates.Select(c => c.Code).ToList();
    }

    [Fact]
    public void the_side_next_to_the_condition_picks_the_sided_code() =>
        Assert.Equal(["G5601"], Resolved("Assessment: Right carpal tunnel syndrome, confirmed by EMG.", "G5600", "carpal tunnel syndrome"));

    [Fact]
    public void both_sides_pick_the_bilateral_code() =>
        Assert.Equal(["G5603"], Resolved("Assessment: Bilateral carpal tunnel syndrome.", "G5600", "carpal tunnel syndrome"));

    [Fact]
    public void a_capital_r_or_l_before_the_site_is_the_side_clinicians_abbreviate() =>
        Assert.Equal(["G5602"], Resolved("Dx: L carpal tunnel syndrome, EMG confirmed.", "G5600", "carpal tunnel syndrome"));

    [Fact]
    public void a_litre_or_an_overdose_is_not_a_side()
    {
        Assert.Equal(["G5600"], Resolved("On 2 L NC overnight; carpal tunnel syndrome; lactate 2 mmol/L at noon.", "G5600", "carpal tunnel syndrome"));
        Assert.Equal(["G5600"], Resolved("Assessment: carpal tunnel syndrome. Prior OD in 2019.", "G5600", "carpal tunnel syndrome"));
    }

    [Fact]
    public void no_side_keeps_the_unspecified_code() =>
        Assert.Equal(["G5600"], Resolved("Assessment: carpal tunnel syndrome, worse at night.", "G5600", "carpal tunnel syndrome"));

    [Fact]
    public void the_sided_code_keeps_the_evidence_of_the_mention()
    {
        var note = NotePreparer.Prepare("Assessment: Left carpal tunnel syndrome.");
        var set = Laterality.Resolve(note, new CandidateSet([Code(note, "G5600", "carpal tunnel syndrome")], []), Lexicon);
        var sided = Assert.Single(set.Candidates);
        Assert.Equal("G5602", sided.Code);
        Assert.Equal("carpal tunnel syndrome", note.Text[sided.Mentions[0].Match.Start..sided.Mentions[0].Match.End]);
        Assert.Equal(1, sided.SideAgreement);
    }
}
