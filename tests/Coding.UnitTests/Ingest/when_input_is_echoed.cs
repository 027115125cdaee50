using Coding.Core.Ingest;

namespace Coding.UnitTests.Ingest;

public sealed class when_input_is_echoed
{
    [Fact]
    public void a_newline_and_an_escape_sequence_cannot_forge_a_line()
    {
        var echoed = Echo.Quote("ID\n\u001b[32mfile.jsonl:9: accepted");

        Assert.Equal("\"ID\\u000A\\u001B[32mfile.jsonl:9: accepted\"", echoed);
        Assert.DoesNotContain('\n', echoed);
        Assert.DoesNotContain('\u001b', echoed);
    }

    [Theory]
    [InlineData("A-1", "\"A-1\"")]
    [InlineData("say \"hi\" \\", "\"say \\\"hi\\\" \\\\\"")]
    [InlineData("\u202Eevil", "\"\\u202Eevil\"")]
    [InlineData("caf\u00E9", "\"caf\\u00E9\"")]
    public void everything_outside_printable_ascii_is_escaped(string value, string echoed) => Assert.Equal(echoed, Echo.Quote(value));

    [Fact]
    public void a_long_value_is_cut_with_a_count_of_the_rest() =>
        Assert.Equal("\"" + new string('x', Echo.DefaultMax) + "\"... (4936 more characters)", Echo.Quote(new string('x', 5000)));

    [Fact]
    public void a_lone_surrogate_is_escaped() => Assert.Equal("\"a\\uD800b\"", Echo.Quote("a\uD800b"));   // not in InlineData: attribute metadata mangles it

    [Fact]
    public void null_is_named() => Assert.Equal("null", Echo.Quote(null));
}
