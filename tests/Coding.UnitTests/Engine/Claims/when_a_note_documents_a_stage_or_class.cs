using Coding.Core.Engine.Candidates;
using Coding.Core.Engine.Claims;
using Coding.Core.Engine.Preparation;
using static Coding.UnitTests.Engine.Claims.ClaimsFixture;

namespace Coding.UnitTests.Engine.Claims;

/// <summary>Guidelines I.B.2-3: the stage, class or grade written next to the condition picks the code the Tabular lists for it.</summary>
public class when_a_note_documents_a_stage_or_class
{
    private static IReadOnlyList<string> Resolved(string text, params (string Code, string Phrase)[] read)
    {
        var note = NotePreparer.Prepare(text);
        var set = StagedQualifier.Resolve(note, new CandidateSet(read.Select(r => Code(note, r.Code, r.Phrase)).ToList(), []), Lexicon);
        return set.Candidates.Select(c => c.Code).ToList();
    }

    [Theory]
    [InlineData("Assessment: CKD stage 3b secondary to ADPKD.", "N1832")]
    [InlineData("Assessment: CKD stage 4, followed by nephrology.", "N184")]
    [InlineData("Assessment: chronic kidney disease, stage IV.", "N184")]
    public void the_stage_next_to_the_condition_picks_the_staged_code(string text, string expected) =>
        Assert.Equal([expected], Resolved(text, ("N1831", text.Contains("CKD", StringComparison.Ordinal) ? "CKD" : "chronic kidney disease")));

    [Fact]
    public void the_class_next_to_obesity_picks_the_class_code() =>
        Assert.Equal(["E66812"], Resolved("Obesity, class 2 (BMI 36).", ("E66811", "Obesity")));

    [Fact]
    public void a_stage_the_words_do_not_give_stays_the_rankers_choice() =>
        Assert.Equal(["N1831"], Resolved("Assessment: CKD, stable creatinine.", ("N1831", "CKD")));

    [Fact]
    public void a_contradicted_stage_goes_when_the_documented_one_is_already_read() =>
        Assert.Equal(["N184"], Resolved("Assessment: CKD stage 4.", ("N1831", "CKD"), ("N184", "CKD stage 4")));
}
