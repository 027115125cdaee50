using Coding.Core.Autonomy;

namespace Coding.UnitTests.Autonomy;

public sealed class when_autonomy_is_configured
{
    private static readonly AutonomyOptionsValidator Validator = new();

    [Fact]
    public void it_is_off_by_default_and_off_needs_nothing_else()
    {
        var options = new AutonomyOptions();
        Assert.False(options.Enabled);
        Assert.True(Validator.Validate(null, options).Succeeded);
    }

    [Fact]
    public void turning_it_on_without_thresholds_refuses_to_start()
    {
        Assert.True(Validator.Validate(null, new AutonomyOptions { Enabled = true }).Failed);
        Assert.True(Validator.Validate(null, new AutonomyOptions { Enabled = true, ThresholdsFile = "/nonexistent/thresholds.json" }).Failed);
    }

    [Theory]
    [InlineData("outpatient", "I", 0.9, true)]
    [InlineData("Inpatient", "e", 1.0, true)]
    [InlineData("ward", "I", 0.9, false)]
    [InlineData("outpatient", "I1", 0.9, false)]
    [InlineData("outpatient", "I", 0.0, false)]
    [InlineData("outpatient", "I", 1.2, false)]
    public void a_threshold_names_a_setting_a_chapter_letter_and_a_confidence_in_0_to_1(string setting, string family, double threshold, bool valid)
    {
        var options = new AutonomyOptions { Enabled = true, Thresholds = [new ConfiguredThreshold { Setting = setting, Family = family, Threshold = threshold }] };
        Assert.Equal(valid, Validator.Validate(null, options).Succeeded);
    }

    [Fact]
    public void the_qa_sample_is_the_same_for_an_encounter_every_time_and_near_its_rate_over_many()
    {
        var ids = Enumerable.Range(0, 20_000).Select(i => new Guid(i, 7, 7, 1, 2, 3, 4, 5, 6, 7, 8)).ToList();
        var sampled = ids.Count(id => AutonomousFinalizer.InQaSample(id, 0.05));
        Assert.InRange(sampled, 800, 1200);
        Assert.All(ids.Take(200), id => Assert.Equal(AutonomousFinalizer.InQaSample(id, 0.05), AutonomousFinalizer.InQaSample(id, 0.05)));
        Assert.DoesNotContain(ids, id => AutonomousFinalizer.InQaSample(id, 0));
        Assert.All(ids.Take(200), id => Assert.True(AutonomousFinalizer.InQaSample(id, 1)));
    }
}
