using Coding.Core.Suggestions;

namespace Coding.UnitTests.Suggestions;

public sealed class the_engine_output_guard
{
    private static SuggestionDraft Draft(string code = "E11.9", double confidence = 0.9, params SpanDraft[] spans) =>
        new(CodeSystem.Icd10Cm, code, "ICD-10-CM FY2026", "Type 2 diabetes mellitus without complications", confidence,
            spans.Length == 0 ? [new SpanDraft(0, 10, 0)] : spans, "{}");

    [Fact]
    public void accepts_suggestions_whose_spans_lie_inside_the_note() =>
        EngineOutputGuard.Check(new EngineResult("ICD-10-CM FY2026", [Draft(spans: [new SpanDraft(0, 40, 0), new SpanDraft(39, 40, 1)])]), noteLength: 40);

    [Theory]
    [InlineData(-1, 5)]
    [InlineData(5, 5)]
    [InlineData(7, 3)]
    [InlineData(30, 41)]
    public void refuses_a_span_outside_the_note_or_empty(int start, int end)
    {
        var e = Assert.Throws<InvalidEngineOutputException>(() => EngineOutputGuard.Check(new EngineResult("v", [Draft(spans: new SpanDraft(start, end, null))]), 40));
        Assert.Contains("outside the note", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void refuses_a_suggestion_without_evidence()
    {
        var bare = Draft() with { Evidence = [] };
        Assert.Throws<InvalidEngineOutputException>(() => EngineOutputGuard.Check(new EngineResult("v", [bare]), 40));
    }

    [Fact]
    public void refuses_the_same_code_twice() =>
        Assert.Throws<InvalidEngineOutputException>(() => EngineOutputGuard.Check(new EngineResult("v", [Draft(), Draft()]), 40));

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void refuses_a_confidence_outside_zero_to_one(double confidence) =>
        Assert.Throws<InvalidEngineOutputException>(() => EngineOutputGuard.Check(new EngineResult("v", [Draft(confidence: confidence)]), 40));

    [Fact]
    public async Task the_placeholder_engine_suggests_nothing_rather_than_inventing_codes()
    {
        var result = await new NoCodesEngine().SuggestAsync(new EncounterNote(Guid.NewGuid(), Core.Encounters.CareSetting.Inpatient, new DateOnly(2026, 1, 1), 50, Core.Encounters.PatientSex.Male, "Sepsis."), default);
        Assert.Empty(result.Suggestions);
    }

    [Fact]
    public void accepts_one_diagnosis_leading_the_claim() =>
        EngineOutputGuard.Check(new EngineResult("v", [Draft() with { Role = DiagnosisRole.Principal }, Draft("I10")]), 40);

    [Fact]
    public void refuses_two_diagnoses_leading_the_claim()
    {
        var e = Assert.Throws<InvalidEngineOutputException>(() => EngineOutputGuard.Check(
            new EngineResult("v", [Draft() with { Role = DiagnosisRole.Principal }, Draft("I10") with { Role = DiagnosisRole.FirstListed }]), 40));
        Assert.Contains("both lead", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void refuses_a_procedure_leading_the_claim() =>
        Assert.Throws<InvalidEngineOutputException>(() => EngineOutputGuard.Check(
            new EngineResult("v", [Draft("0BJ08ZZ") with { CodeSystem = CodeSystem.Icd10Pcs, Role = DiagnosisRole.Principal }]), 40));
}
