using Coding.Core.Engine.Preparation;

namespace Coding.UnitTests.Engine;

public class when_a_note_uses_british_spelling
{
    [Theory]
    [InlineData("oedema", "edema")]
    [InlineData("Haemorrhage", "hemorrhage")]
    [InlineData("anaemia", "anemia")]
    [InlineData("ischaemic", "ischemic")]
    [InlineData("tumours", "tumor")]
    [InlineData("oesophagus", "esophagus")]
    [InlineData("leucocytosis", "leukocytosis")]
    [InlineData("diarrhoea", "diarrhea")]
    [InlineData("foetal", "fetal")]
    [InlineData("coeliac", "celiac")]
    [InlineData("paediatric", "pediatric")]
    [InlineData("distension", "distention")]
    public void its_words_meet_the_codebooks_american_spelling(string british, string american)
    {
        Assert.Equal(TermNormalizer.Keys(american).Single(), TermNormalizer.Keys(british).Single());
    }

    [Theory]
    [InlineData("toes")]
    [InlineData("does")]
    [InlineData("aerobic")]
    [InlineData("israel")]
    public void american_words_with_the_same_letters_are_left_alone(string word)
    {
        Assert.Equal(word, TermNormalizer.AmericanSpelling(word));
        Assert.Equal(word.TrimEnd('s'), TermNormalizer.Keys(word).Single());
    }
}
