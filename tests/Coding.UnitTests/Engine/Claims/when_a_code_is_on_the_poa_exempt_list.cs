using Coding.Core.Engine.Claims;
using Coding.Core.Engine.Preparation;
using Coding.Core.Suggestions;
using static Coding.UnitTests.Engine.Claims.ClaimsFixture;

namespace Coding.UnitTests.Engine.Claims;

/// <summary>The CMS POA-exempt list of the release in force decides which codes take no present-on-admission indicator.</summary>
public class when_a_code_is_on_the_poa_exempt_list
{
    private static readonly PreparedNote Note = NotePreparer.Prepare(
        "History of present illness: Type 2 diabetes on long term insulin. Unspecified fall at home.\nAssessment: Type 2 diabetes.");

    [Fact]
    public void it_is_exempt_and_a_code_off_the_list_present_before_admission_is_yes()
    {
        Assert.Equal(PresentOnAdmission.Exempt, PresentOnAdmissionRules.Of(Note, Code(Note, "Z794", "long term insulin"), Lexicon));
        Assert.Equal(PresentOnAdmission.Yes, PresentOnAdmissionRules.Of(Note, Code(Note, "E119", "Type 2 diabetes"), Lexicon));
    }

    [Fact]
    public void an_external_cause_off_the_list_takes_an_indicator()
    {
        // W19.XXXA is not on the FY2026 list: a fall in hospital is a hospital-acquired condition, so CMS asks for POA.
        Assert.Equal(PresentOnAdmission.Yes, PresentOnAdmissionRules.Of(Note, Code(Note, "W19XXXA", "Unspecified fall"), Lexicon));
    }

    [Fact]
    public void without_a_list_external_causes_and_status_codes_are_guessed_exempt()
    {
        var lexicon = LexiconWithoutPoaExemptList;
        Assert.False(lexicon.HasPoaExemptList);
        Assert.Equal(PresentOnAdmission.Exempt, PresentOnAdmissionRules.Of(Note, Code(Note, "W19XXXA", "Unspecified fall"), lexicon));
        Assert.Equal(PresentOnAdmission.Exempt, PresentOnAdmissionRules.Of(Note, Code(Note, "Z794", "long term insulin"), lexicon));
        Assert.Equal(PresentOnAdmission.Yes, PresentOnAdmissionRules.Of(Note, Code(Note, "E119", "Type 2 diabetes"), lexicon));
    }

    [Fact]
    public void the_lexicon_keeps_its_list_when_learned_terms_are_added()
    {
        var extended = Lexicon.With([]);
        Assert.True(extended.IsPoaExempt("Z794"));
        Assert.False(extended.IsPoaExempt("Z79.4"));
        Assert.False(extended.IsPoaExempt("E119"));
    }
}
