using System.Text;
using System.Text.Json;

namespace Coding.Core.Ingest;

/// <summary>
/// Reads encounters from JSON Lines. Each line succeeds or fails on its own, with a reason that names the line and
/// the field but never quotes the content (it may be PHI).
/// </summary>
public static class JsonlEncounterReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { AllowTrailingCommas = false };

    public sealed record Line(int Number, EncounterInput? Input, string? Error);

    /// <param name="maxLineBytes">Lines longer than this are refused without being buffered whole.</param>
    public static async IAsyncEnumerable<Line> ReadAsync(Stream stream, int maxLineBytes, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        var buffer = new byte[64 * 1024];
        using var current = new MemoryStream();
        var number = 1;
        var tooLong = false;
        int read;
        while ((read = await stream.ReadAsync(buffer, ct)) > 0)
        {
            var start = 0;
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] != (byte)'\n')
                    continue;
                Append(current, buffer.AsSpan(start, i - start), maxLineBytes, ref tooLong);
                var line = Parse(number++, current, tooLong, maxLineBytes);
                if (line is not null)
                    yield return line;
                current.SetLength(0);
                tooLong = false;
                start = i + 1;
            }
            Append(current, buffer.AsSpan(start, read - start), maxLineBytes, ref tooLong);
        }
        var last = Parse(number, current, tooLong, maxLineBytes);
        if (last is not null)
            yield return last;
    }

    private static void Append(MemoryStream current, ReadOnlySpan<byte> bytes, int max, ref bool tooLong)
    {
        if (tooLong)
            return;
        if (current.Length + bytes.Length > max)
        {
            tooLong = true;
            current.SetLength(0);
            return;
        }
        current.Write(bytes);
    }

    private static Line? Parse(int number, MemoryStream current, bool tooLong, int max)
    {
        if (tooLong)
            return new Line(number, null, $"line is longer than {max} bytes");
        var bytes = current.GetBuffer().AsSpan(0, (int)current.Length);
        if (bytes.Length > 0 && bytes[^1] == (byte)'\r')
            bytes = bytes[..^1];
        if (bytes.IsEmpty || bytes.IndexOfAnyExcept((byte)' ', (byte)'\t') < 0)
            return null; // blank lines are allowed between records
        if (bytes.StartsWith("\uFEFF"u8))
            bytes = bytes[3..];
        try
        {
            StrictUtf8.GetCharCount(bytes);
        }
        catch (DecoderFallbackException e)
        {
            return new Line(number, null, $"line is not valid UTF-8 (bad byte at offset {e.Index})");
        }
        try
        {
            var input = JsonSerializer.Deserialize<EncounterInput>(bytes, Json);
            return input is null ? new Line(number, null, "line is JSON null, expected an object") : new Line(number, input, null);
        }
        catch (JsonException e)
        {
            // JsonException's message can echo a token; report only where it broke.
            return new Line(number, null, $"malformed JSON at {e.Path ?? "$"} (byte {e.BytePositionInLine})");
        }
    }
}
