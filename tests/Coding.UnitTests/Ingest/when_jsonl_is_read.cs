using System.Text;
using Coding.Core.Ingest;

namespace Coding.UnitTests.Ingest;

public sealed class when_jsonl_is_read
{
    [Fact]
    public async Task each_line_is_numbered_and_parsed_on_its_own()
    {
        var lines = await Read("{\"externalId\":\"A\",\"note\":\"one\"}\n\n{\"externalId\":\"B\",\"note\":\"two\"}\r\n{\"externalId\":\"C\",\"note\":\"three\"}");

        Assert.Equal([1, 3, 4], lines.Select(l => l.Number));
        Assert.Equal(["A", "B", "C"], lines.Select(l => l.Input!.ExternalId));
        Assert.All(lines, l => Assert.Null(l.Error));
    }

    [Fact]
    public async Task a_byte_order_mark_is_ignored() =>
        Assert.Equal("A", (await Read("\uFEFF{\"externalId\":\"A\"}")).Single().Input!.ExternalId);

    [Theory]
    [InlineData("{\"externalId\":\"A\",\"note\":", "malformed JSON")]
    [InlineData("[1,2,3]", "line is a JSON array, expected one object per line")]
    [InlineData("[{\"externalId\":\"A\"}]", "line is a JSON array, expected one object per line")]
    [InlineData("\"just text\"", "line is a JSON string, expected an object")]
    [InlineData("42", "line is a JSON number, expected an object")]
    [InlineData("null", "line is JSON null")]
    [InlineData("{\"externalId\": 5}", "$.externalId has the wrong JSON type")]
    [InlineData("{\"externalId\":\"A\",\"patientAge\":\"old\"}", "$.patientAge has the wrong JSON type")]
    [InlineData("{\"externalId\":\"A\",\"note\":\"half \\uD800 a pair\"}", "$.note holds an unpaired surrogate escape")]
    [InlineData("{\"externalId\":\"A\",\"note\":\"bell \u0001 raw\"}", "line holds the raw control byte 0x01 at offset 31")]
    public async Task a_malformed_line_gets_a_reason_and_the_next_line_still_reads(string bad, string reason)
    {
        var lines = await Read(bad + "\n{\"externalId\":\"B\"}\n");

        Assert.StartsWith(reason, lines[0].Error, StringComparison.Ordinal);
        Assert.Equal("B", lines[1].Input!.ExternalId);
    }

    [Fact]
    public async Task a_field_name_in_a_reason_is_escaped_and_cut()
    {
        var name = "\u001b[2K\u001b[1Arefused: forged\n" + new string('x', 5000);
        var lines = await Read("{\"externalId\":\"A\",\"extra\":{\"" + name.Replace("\u001b", "\\u001b").Replace("\n", "\\n") + "\": [}}");

        var reason = lines.Single().Error!;
        Assert.DoesNotContain('\u001b', reason);
        Assert.DoesNotContain('\n', reason);
        Assert.True(reason.Length < 200, reason);
    }

    [Fact]
    public async Task the_reason_never_quotes_the_content()
    {
        var lines = await Read("{\"note\": \"Patient John Smith has HIV\" \"oops\"}");
        Assert.DoesNotContain("Smith", lines.Single().Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task invalid_utf8_is_refused_with_its_byte_offset()
    {
        byte[] bytes = [.. "{\"note\":\""u8, 0xFF, .. "\"}\n{\"externalId\":\"B\"}"u8];
        var lines = await Read(bytes);

        Assert.Equal("line is not valid UTF-8 (bad byte at offset 9)", lines[0].Error);
        Assert.Equal("B", lines[1].Input!.ExternalId);
    }

    [Fact]
    public async Task an_oversized_line_is_refused_without_being_buffered_and_reading_goes_on()
    {
        var huge = "{\"note\":\"" + new string('x', 5 * 1024 * 1024) + "\"}";
        var lines = await Read(huge + "\n{\"externalId\":\"B\"}", maxLineBytes: 1024 * 1024);

        Assert.Equal("line is longer than 1048576 bytes", lines[0].Error);
        Assert.Equal("B", lines[1].Input!.ExternalId);
    }

    private static Task<List<JsonlEncounterReader.Line>> Read(string text, int maxLineBytes = 1 << 20) => Read(Encoding.UTF8.GetBytes(text), maxLineBytes);

    private static async Task<List<JsonlEncounterReader.Line>> Read(byte[] bytes, int maxLineBytes = 1 << 20)
    {
        var lines = new List<JsonlEncounterReader.Line>();
        await foreach (var line in JsonlEncounterReader.ReadAsync(new MemoryStream(bytes), maxLineBytes))
            lines.Add(line);
        return lines;
    }
}
