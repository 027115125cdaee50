using Coding.Core.Encounters;
using Coding.Core.Engine.Preparation;

namespace Coding.UnitTests.Engine;

public class when_an_assertion_meets_a_care_setting
{
    private static Assertion Of(AssertionStatus status, Experiencer experiencer = Experiencer.Patient) => new(status, experiencer, false, null);

    [Theory]
    [InlineData(CareSetting.Inpatient, true)]
    [InlineData(CareSetting.Outpatient, false)]
    [InlineData(CareSetting.Emergency, false)]
    [InlineData(CareSetting.Observation, false)]
    [InlineData(CareSetting.Professional, false)]
    public void an_uncertain_diagnosis_is_coded_as_established_only_for_inpatient_admissions(CareSetting setting, bool coded)
    {
        Assert.Equal(coded, AssertionCoding.SupportsConditionCode(Of(AssertionStatus.Uncertain), setting));
    }

    [Theory]
    [InlineData(AssertionStatus.Present, true)]
    [InlineData(AssertionStatus.Negated, false)]
    [InlineData(AssertionStatus.Historical, false)]
    [InlineData(AssertionStatus.Family, false)]
    [InlineData(AssertionStatus.Hypothetical, false)]
    public void only_a_present_condition_supports_its_code_in_every_setting(AssertionStatus status, bool coded)
    {
        Assert.Equal(coded, AssertionCoding.SupportsConditionCode(Of(status), CareSetting.Outpatient));
        Assert.Equal(coded, AssertionCoding.SupportsConditionCode(Of(status), CareSetting.Inpatient));
    }

    [Fact]
    public void a_present_condition_of_someone_else_is_not_coded()
    {
        Assert.False(AssertionCoding.SupportsConditionCode(Of(AssertionStatus.Present, Experiencer.Other), CareSetting.Inpatient));
    }
}
