using Coding.Core.Reporting;
using Coding.Core.Suggestions;

namespace Coding.UnitTests.Reporting;

public sealed class when_decisions_are_rolled_up
{
    private static readonly DecisionRow[] Rows =
    [
        new("alice", CodeSystem.Icd10Cm, "I10", ReviewAction.Accept, 3),
        new("alice", CodeSystem.Icd10Cm, "I11.9", ReviewAction.Modify, 1),
        new("bob", CodeSystem.Icd10Cm, "R50.9", ReviewAction.Reject, 2),
        new("bob", CodeSystem.Icd10Cm, "I10", ReviewAction.Accept, 1),
        new("bob", CodeSystem.Icd10Cm, "J18.9", ReviewAction.Add, 2),
        new("bob", CodeSystem.Icd10Pcs, "0DTJ4ZZ", ReviewAction.Accept, 1),
        new("alice", CodeSystem.Cpt, "99213", ReviewAction.Reject, 1),
    ];

    [Fact]
    public void rates_are_over_decided_engine_suggestions_and_added_codes_are_counted_beside_them()
    {
        var total = DecisionRates.Total(Rows);

        Assert.Equal((5, 3, 1, 2), (total.Accepted, total.Rejected, total.Modified, total.Added));
        Assert.Equal(9, total.Decided);
        Assert.Equal(5.0 / 9, total.AcceptanceRate!.Value, 9);
        Assert.Equal(4.0 / 9, total.OverrideRate!.Value, 9);
        Assert.Equal(2.0 / 9, total.AddedPerDecision!.Value, 9);
    }

    [Fact]
    public void families_are_icd10cm_chapters_pcs_sections_and_the_other_code_sets()
    {
        var families = DecisionRates.ByFamily(Rows).ToDictionary(f => f.Key);

        Assert.Equal(["cm-09", "cm-10", "cm-18", "cpt", "pcs-0"], families.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((4, 1), (families["cm-09"].Accepted, families["cm-09"].Modified));
        Assert.Equal("CM I00–I99 circulatory system", families["cm-09"].Label);
        Assert.Equal("PCS 0 Medical and Surgical", families["pcs-0"].Label);
        Assert.Null(families["cm-10"].AcceptanceRate); // only an added code: nothing of the engine's was decided
    }

    [Fact]
    public void a_coder_with_no_decision_has_no_rate_rather_than_zero()
    {
        var coders = DecisionRates.ByCoder([new("carol", CodeSystem.Icd10Cm, "E11.9", ReviewAction.Add, 1)]);

        var carol = Assert.Single(coders);
        Assert.Null(carol.OverrideRate);
        Assert.Equal(1, carol.Added);
    }

    [Theory]
    [InlineData(CodeSystem.Icd10Cm, "e11.9", "cm-04")]
    [InlineData(CodeSystem.Icd10Cm, "O9A.111", "cm-15")]
    [InlineData(CodeSystem.Icd10Cm, "U07.1", "cm-22")]
    [InlineData(CodeSystem.Icd10Cm, "123", "cm-other")]
    [InlineData(CodeSystem.Icd10Pcs, "bt41zzz", "pcs-B")]
    [InlineData(CodeSystem.Hcpcs, "J1100", "hcpcs")]
    public void a_code_falls_in_one_family(CodeSystem system, string code, string family) =>
        Assert.Equal(family, CodeFamily.Of(system, code).Key);
}
