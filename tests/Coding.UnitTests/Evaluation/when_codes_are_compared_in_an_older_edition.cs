using Coding.Core.Codebooks;
using Coding.Core.Codebooks.Parsing;
using Coding.Core.Evaluation;
using Coding.Core.Evaluation.CodiEsp;

namespace Coding.UnitTests.Evaluation;

public class when_codes_are_compared_in_an_older_edition
{
    private static readonly CodeConversion[] Conversions =
    [
        new("R51.0", new DateOnly(2020, 10, 1), "R51"),
        new("R51.9", new DateOnly(2020, 10, 1), "R51"),
        new("E78.00", new DateOnly(2016, 10, 1), "E78.0"),
        new("M54.50", new DateOnly(2021, 10, 1), "M54.5"),
        new("X99.01", new DateOnly(2022, 10, 1), "X99.0"),
        new("X99.011", new DateOnly(2024, 10, 1), "X99.01"),
        new("T74.A1XA", new DateOnly(2023, 4, 1), "T74.91XA"),
        new("H02.121", new DateOnly(2018, 10, 1), null),
    ];

    private static CodeEdition Fy2017 => CodiEspEdition.From(Conversions);

    [Fact]
    public void a_code_created_after_the_edition_is_written_as_the_code_it_replaced()
    {
        Assert.Equal("R51", Fy2017.Of("R51.9"));
        Assert.Equal("R51", Fy2017.Of("R519"));
        Assert.Equal("M54.5", Fy2017.Of("M54.50"));
        Assert.Equal("T74.91XA", Fy2017.Of("T74.A1XA"));
    }

    [Fact]
    public void a_code_split_twice_goes_back_to_the_editions_code()
    {
        Assert.Equal("X99.0", Fy2017.Of("X99.011"));
    }

    [Fact]
    public void codes_the_edition_already_had_are_unchanged()
    {
        // E78.00 took effect on 2016-10-01, FY2017: CodiEsp's gold writes it.
        Assert.Equal("E78.00", Fy2017.Of("E78.00"));
        Assert.Equal("I10", Fy2017.Of("I10"));
        // No single predecessor: left as it is rather than guessed.
        Assert.Equal("H02.121", Fy2017.Of("H02.121"));
    }

    [Fact]
    public void the_engines_newer_code_holds_the_gold_code_it_replaced()
    {
        IReadOnlySet<string> gold = new HashSet<string> { CodeKey.Match("r51") };

        Assert.True(gold.HoldsCode("R51.9", Fy2017));
        Assert.False(gold.HoldsCode("R51.9"));
        Assert.True(Fy2017.WasReplaced("r51"));
        Assert.False(Fy2017.WasReplaced("I10"));
    }

    [Fact]
    public void the_conversion_table_reads_years_as_october_first_and_excel_dates_as_days()
    {
        string[][] rows =
        [
            ["The National Center for Health Statistics (NCHS) has published an update ...", "", ""],
            ["Current code assignment", "Effective", "Previous Code(s) Assignment"],
            ["A04.71", "2017", "A04.7"],
            ["J12.82", "44197", "J12.89"],
            ["T15.01XA", "2016", "Codes in Categories T15-T19"],
            ["", "", ""],
        ];

        var conversions = ConversionTableParser.Parse(rows);

        Assert.Equal(
        [
            new CodeConversion("A04.71", new DateOnly(2017, 10, 1), "A04.7"),
            new CodeConversion("J12.82", new DateOnly(2021, 1, 1), "J12.89"),
            new CodeConversion("T15.01XA", new DateOnly(2016, 10, 1), null),
        ], conversions);
    }

    [Fact]
    public void a_file_without_the_header_row_is_refused()
    {
        Assert.Throws<FormatException>(() => ConversionTableParser.Parse([["A04.71", "2017", "A04.7"]]));
    }

    [Fact]
    public void the_fy2026_conversion_table_places_codiesps_edition_before_the_fy2018_codes()
    {
        // The release file itself (read where the importer reads it): CodiEsp's gold writes R51, M54.5, K56.60 and
        // E87.2, which FY2018–FY2023 split, and the FY2017 code E78.00.
        var root = CodebookSources.ResolveRoot() ?? throw new InvalidOperationException("../shared/codebooks not found");
        var edition = CodiEspEdition.FromRelease(Path.Combine(root, "icd10cm-2026")) ?? throw new InvalidOperationException("no conversion table in icd10cm-2026");

        Assert.Equal("R51", edition.Of("R51.9"));
        Assert.Equal("M54.5", edition.Of("M54.50"));
        Assert.Equal("K56.60", edition.Of("K56.600"));
        Assert.Equal("E87.2", edition.Of("E87.20"));
        Assert.Equal("E78.00", edition.Of("E78.00"));
        Assert.True(edition.Conversions > 3000);
    }
}
