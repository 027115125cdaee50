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

    [Theory]
    [InlineData("Z8611")]   // personal history of tuberculosis
    [InlineData("Z87891")]  // personal history of nicotine dependence
    [InlineData("Z90710")]  // acquired absence of cervix and uterus (status post hysterectomy)
    [InlineData("Z7952")]   // long-term use of systemic steroids
    public void a_historical_mention_supports_a_personal_history_or_status_code(string code)
    {
        Assert.True(AssertionCoding.SupportsCode(code, Of(AssertionStatus.Historical), CareSetting.Outpatient));
    }

    [Theory]
    [InlineData("A159")]   // the condition itself: tuberculosis
    [InlineData("Z8249")]  // a family-history code needs a relative, not the patient's past
    public void a_historical_mention_still_never_supports_a_condition_or_family_history_code(string code)
    {
        Assert.False(AssertionCoding.SupportsCode(code, Of(AssertionStatus.Historical), CareSetting.Inpatient));
    }

    [Theory]
    [InlineData("I10")]     // "history of hypertension": hypertension does not end
    [InlineData("E119")]    // type 2 diabetes
    [InlineData("E785")]    // hyperlipidemia
    [InlineData("I4891")]   // atrial fibrillation
    [InlineData("N189")]    // chronic kidney disease
    public void a_historical_mention_of_a_lifelong_condition_supports_the_condition_code(string code)
    {
        Assert.True(AssertionCoding.SupportsCode(code, Of(AssertionStatus.Historical), CareSetting.Inpatient));
    }

    [Theory]
    [InlineData("J189")]    // pneumonia: over once treated (Z87.01 is its history code)
    [InlineData("I219")]    // acute myocardial infarction (I25.2 is the old one)
    [InlineData("C509")]    // breast cancer (Z85.3 once treated)
    public void a_historical_mention_of_an_episode_that_ends_does_not(string code)
    {
        Assert.False(AssertionCoding.SupportsCode(code, Of(AssertionStatus.Historical), CareSetting.Inpatient));
    }

    [Theory]
    [InlineData(AssertionStatus.Negated, Experiencer.Patient)]
    [InlineData(AssertionStatus.Historical, Experiencer.Family)]
    public void a_lifelong_condition_still_needs_the_patient_and_no_negation(AssertionStatus status, Experiencer experiencer)
    {
        Assert.False(AssertionCoding.SupportsCode("I10", Of(status, experiencer), CareSetting.Inpatient));
    }

    [Fact]
    public void a_family_history_code_is_supported_by_a_mention_about_a_relative_or_one_that_says_family_history()
    {
        Assert.True(AssertionCoding.SupportsCode("Z8249", Of(AssertionStatus.Family, Experiencer.Family), CareSetting.Outpatient));
        // "Family history of stroke": the words that would make it family are the mention's own, so it reads as present.
        Assert.True(AssertionCoding.SupportsCode("Z823", Of(AssertionStatus.Present), CareSetting.Outpatient));
        Assert.False(AssertionCoding.SupportsCode("Z8249", Of(AssertionStatus.Negated, Experiencer.Family), CareSetting.Outpatient));
    }

    [Theory]
    [InlineData(AssertionStatus.Negated)]
    [InlineData(AssertionStatus.Hypothetical)]
    public void a_negated_or_hypothetical_mention_supports_no_history_code_either(AssertionStatus status)
    {
        Assert.False(AssertionCoding.SupportsCode("Z8611", Of(status), CareSetting.Inpatient));
    }
}
