using Coding.Core.Engine.Candidates;
using Coding.Core.Engine.Claims;
using Coding.Core.Engine.Preparation;
using static Coding.UnitTests.Engine.Claims.ClaimsFixture;

namespace Coding.UnitTests.Engine.Claims;

/// <summary>Guidelines I.C.4.a: diabetes is coded by the type the note documents; E11 when it documents none.</summary>
public class when_a_note_documents_the_type_of_diabetes
{
    private static IReadOnlyList<string> Resolved(string text, string code, string phrase)
    {
        var note = NotePreparer.Prepare(text);
        return DiabetesType.Resolve(note, new CandidateSet([Code(note, code, phrase)], []), Lexicon).Candidates.Select(c => c.Code).ToList();
    }

    [Theory]
    [InlineData("PMH: DM2 x 20 yrs on insulin. Assessment: Diabetic foot ulcer, right midfoot.")]
    [InlineData("PMH: T2DM. Assessment: Diabetic foot ulcer, right midfoot.")]
    [InlineData("PMH: diabetes mellitus, type II. Assessment: Diabetic foot ulcer, right midfoot.")]
    [InlineData("Assessment: Diabetic foot ulcer, right midfoot. Diabetes on metformin.")]
    public void a_type_2_note_or_one_that_names_no_type_codes_type_2(string text) =>
        Assert.Equal(["E11621"], Resolved(text, "E10621", "Diabetic foot ulcer"));

    [Theory]
    [InlineData("PMH: T1DM since age 9, on a pump. Assessment: Diabetic foot ulcer.")]
    [InlineData("PMH: IDDM. Assessment: Diabetic foot ulcer.")]
    [InlineData("PMH: type 1 diabetes. Assessment: Diabetic foot ulcer.")]
    public void a_type_1_note_codes_type_1(string text) =>
        Assert.Equal(["E10621"], Resolved(text, "E11621", "Diabetic foot ulcer"));

    [Fact]
    public void a_relatives_type_or_a_type_ruled_out_is_not_the_patients()
    {
        Assert.Equal(["E0965"], Resolved("FH: Brother with type 2 diabetes. Assessment: Steroid-induced diabetes mellitus with hyperglycemia (not type 2 DM; type 1 excluded).",
            "E1165", "diabetes mellitus with hyperglycemia"));
        Assert.Equal(["E11649"], Resolved("Mother has type 1 diabetes. Assessment: diabetes with hypoglycemia.", "E10649", "diabetes with hypoglycemia"));
    }

    [Fact]
    public void two_types_stated_leave_the_codes_the_words_gave() =>
        Assert.Equal(["E10649"], Resolved("Type 1 diabetes per endocrine; PCP chart says type 2 diabetes. Assessment: diabetes with hypoglycemia.", "E10649", "diabetes with hypoglycemia"));
}
