using Coding.Core.Codebooks;
using Coding.Core.Codebooks.Import;
using Coding.Core.Codebooks.Parsing;

namespace Coding.UnitTests.Codebooks;

public class when_the_poa_exempt_list_is_read
{
    private static readonly IReadOnlyList<PoaExemptEntry> Excerpt = PoaExemptParser.ReadFile(Fixture.Path("POAexemptCodesFY26_excerpt.txt"));

    [Fact]
    public void codes_are_kept_without_their_dot_as_the_engine_stores_them()
    {
        Assert.Equal(["B900", "B91", "QA00101", "W16011D", "Y92009", "Z794"], Excerpt.Select(e => e.Code));
    }

    [Fact]
    public void a_title_quoted_for_its_comma_is_unquoted()
    {
        Assert.Equal("Fall into swimming pool striking water surface causing drowning and submersion, subsequent encounter",
            Excerpt.Single(e => e.Code == "W16011D").Title);
        Assert.Equal("Long term (current) use of insulin", Excerpt.Single(e => e.Code == "Z794").Title);
    }

    [Fact]
    public void the_code_column_is_found_by_its_header_in_the_delete_file_that_has_no_order_column()
    {
        var deleted = PoaExemptParser.ReadFile(Fixture.Path("POAexemptDeleteCodesFY26_excerpt.txt"));
        Assert.Equal(["Q898", "S301XXD"], deleted.Select(e => e.Code));
    }

    [Fact]
    public void a_file_without_the_code_column_or_with_a_malformed_code_is_refused()
    {
        Assert.Throws<FormatException>(() => PoaExemptParser.Read(new StringReader("Order26\tCode\tDescription\r\n01238\tB90.0\tx\r\n")));
        Assert.Throws<FormatException>(() => PoaExemptParser.Read(new StringReader("Order26\tPOAexemptCode\tDescription\r\n01238\tB9\tx\r\n")));
        Assert.Throws<FormatException>(() => PoaExemptParser.Read(new StringReader("Order26\tPOAexemptCode\tDescription\r\n01238\r\n")));
    }

    [Fact]
    public void a_repeated_code_is_listed_once_and_blank_lines_are_skipped()
    {
        var list = PoaExemptParser.Read(new StringReader("Order26\tPOAexemptCode\tDescription\r\n1\tB90.0\ta\r\n\r\n2\tb90.0\ta\r\n3\tB91\tb\r\n"));
        Assert.Equal(["B900", "B91"], list.Select(e => e.Code));
    }

    [Fact]
    public void a_release_plan_finds_the_list_of_its_own_fiscal_year_in_a_poa_exempt_folder()
    {
        var root = Directory.CreateTempSubdirectory("poa-catalog-").FullName;
        try
        {
            var cm = Directory.CreateDirectory(Path.Combine(root, "icd10cm-2026")).FullName;
            File.Copy(Fixture.Path("icd10cm_order_2026_excerpt.txt"), Path.Combine(cm, "icd10cm_order_2026.txt"));
            Directory.CreateDirectory(Path.Combine(cm, "poa-exempt"));
            File.Copy(Fixture.Path("POAexemptCodesFY26_excerpt.txt"), Path.Combine(cm, "poa-exempt", "POAexemptCodesFY26.txt"));
            // Another year's list beside it is not this release's.
            File.Copy(Fixture.Path("POAexemptCodesFY26_excerpt.txt"), Path.Combine(cm, "poa-exempt", "POAexemptCodesFY25.txt"));

            var plan = Assert.Single(CodebookCatalog.Discover(root));
            Assert.Equal(Path.Combine(cm, "poa-exempt", "POAexemptCodesFY26.txt"), plan.PoaExemptFile);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void the_official_fy2026_list_has_38349_codes_all_billable_in_the_fy2026_order_file()
    {
        var root = CodebookSources.ResolveRoot();
        var folder = root is null ? null : Path.Combine(root, "icd10cm-2026");
        var file = folder is null ? null : Path.Combine(folder, "poa-exempt", "POAexemptCodesFY26.txt");
        if (file is null || !File.Exists(file)) return; // the official files are not in the repository; CI has them beside it
        var list = PoaExemptParser.ReadFile(file);
        var billable = OrderFileParser.ReadFile(Path.Combine(folder!, "icd10cm_order_2026.txt")).Where(e => e.Billable).Select(e => e.Code).ToHashSet();

        Assert.Equal(38349, list.Count);
        Assert.All(list, e => Assert.Contains(e.Code, billable));
        // Falls are left off the list on purpose: CMS asks whether a fall happened in hospital (a hospital-acquired condition).
        Assert.DoesNotContain(list, e => e.Code == "W19XXXA");
        Assert.Contains(list, e => e.Code == "Z794");
    }
}
