using Coding.Core.Evaluation;

namespace Coding.UnitTests.Evaluation;

public class when_codes_are_grouped_by_chapter
{
    [Theory]
    [InlineData("a00.0", 1)]
    [InlineData("B99.9", 1)]
    [InlineData("C4A.0", 2)]
    [InlineData("D49.9", 2)]
    [InlineData("D50.0", 3)]
    [InlineData("D89.9", 3)]
    [InlineData("e11.9", 4)]
    [InlineData("F01.50", 5)]
    [InlineData("G99.8", 6)]
    [InlineData("H59.0", 7)]
    [InlineData("H60.0", 8)]
    [InlineData("I10", 9)]
    [InlineData("J18.9", 10)]
    [InlineData("K95.89", 11)]
    [InlineData("L89.9", 12)]
    [InlineData("M1A.00", 13)]
    [InlineData("N39.0", 14)]
    [InlineData("O9A.11", 15)]
    [InlineData("P96.9", 16)]
    [InlineData("Q62.11", 17)]
    [InlineData("R31.9", 18)]
    [InlineData("S72.001A", 19)]
    [InlineData("T88.9", 19)]
    [InlineData("V00.01", 20)]
    [InlineData("Y99.8", 20)]
    [InlineData("Z3A.01", 21)]
    [InlineData("U07.1", 22)]
    public void the_chapter_follows_the_category_ranges(string code, int chapter)
    {
        Assert.Equal(chapter, IcdChapters.Of(code)?.Number);
    }

    [Theory]
    [InlineData("bt41zzz")]
    [InlineData("0TCB")]
    [InlineData("3e1m39z")]
    [InlineData("E1")]
    public void a_code_without_an_icd10cm_category_shape_has_no_chapter(string code)
    {
        Assert.Null(IcdChapters.Of(code));
    }

    [Fact]
    public void there_are_22_chapters_numbered_in_order()
    {
        Assert.Equal(Enumerable.Range(1, 22), IcdChapters.All.Select(c => c.Number));
    }

    [Fact]
    public void per_chapter_counts_split_hits_and_misses_by_chapter()
    {
        var gold = Gold.Of(("d1", ["E11.9", "I10", "N39.0"]));
        var run = Gold.Run(("d1", ["E11.9", "E78.5", "I10", "0TCB"]));

        var chapters = CodingMetrics.ByChapter(gold, run);

        Assert.Equal([4, 9, 14, 0], chapters.Select(c => c.Chapter?.Number ?? 0));
        Assert.Equal(new ConfusionCounts(1, 1, 0), chapters[0].Counts);
        Assert.Equal(new ConfusionCounts(1, 0, 0), chapters[1].Counts);
        Assert.Equal(new ConfusionCounts(0, 0, 1), chapters[2].Counts);
        Assert.Equal(new ConfusionCounts(0, 1, 0), chapters[3].Counts);
        Assert.Equal(2.0 / 3, chapters[0].Counts.F1, 1e-12);
    }
}
