using System.Security.Cryptography;
using System.Text;
using Coding.Core.Notes;
using Microsoft.Extensions.Options;

namespace Coding.UnitTests.Notes;

public sealed class the_note_protector
{
    private static readonly string OldKey = NewKey();
    private static readonly string NewKeyValue = NewKey();
    private static readonly string HashKey = NewKey();
    private const string Text = "HPI: 61 y/o with crushing chest pain. Ünïcödé ✓ 🙂";

    [Fact]
    public void round_trips_text_exactly_and_stores_no_plaintext()
    {
        var protector = Protector("k1", ("k1", OldKey));
        var id = Guid.NewGuid();

        var note = protector.Protect(id, Text, DateTimeOffset.UnixEpoch);

        Assert.Equal(Text, protector.Unprotect(note));
        Assert.Equal("k1", note.KeyId);
        Assert.Equal(Text.Length, note.Length);
        Assert.DoesNotContain("chest pain", Encoding.UTF8.GetString(note.Ciphertext), StringComparison.Ordinal);
    }

    [Fact]
    public void the_same_text_encrypts_differently_each_time_but_hashes_the_same()
    {
        var protector = Protector("k1", ("k1", OldKey));
        var a = protector.Protect(Guid.NewGuid(), Text, DateTimeOffset.UnixEpoch);
        var b = protector.Protect(Guid.NewGuid(), Text, DateTimeOffset.UnixEpoch);

        Assert.NotEqual(a.Ciphertext, b.Ciphertext);
        Assert.Equal(a.TextHmac, b.TextHmac);
    }

    [Fact]
    public void a_tampered_ciphertext_is_refused()
    {
        var protector = Protector("k1", ("k1", OldKey));
        var note = protector.Protect(Guid.NewGuid(), Text, DateTimeOffset.UnixEpoch);
        note.Ciphertext[20] ^= 1;

        var e = Assert.Throws<NoteUnreadableException>(() => protector.Unprotect(note));
        Assert.Contains("failed authentication", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void a_ciphertext_moved_to_another_encounter_is_refused()
    {
        var protector = Protector("k1", ("k1", OldKey));
        var note = protector.Protect(Guid.NewGuid(), Text, DateTimeOffset.UnixEpoch);
        note.EncounterId = Guid.NewGuid();

        Assert.Throws<NoteUnreadableException>(() => protector.Unprotect(note));
    }

    [Fact]
    public void after_rotation_old_notes_still_read_and_new_notes_use_the_new_key()
    {
        var before = Protector("k1", ("k1", OldKey));
        var old = before.Protect(Guid.NewGuid(), Text, DateTimeOffset.UnixEpoch);
        var after = Protector("k2", ("k1", OldKey), ("k2", NewKeyValue));

        Assert.Equal(Text, after.Unprotect(old));
        Assert.Equal("k2", after.Protect(Guid.NewGuid(), Text, DateTimeOffset.UnixEpoch).KeyId);
        Assert.Equal(old.TextHmac, after.Hash(Text));
    }

    [Fact]
    public void a_note_under_a_retired_key_names_the_key_not_the_text()
    {
        var old = Protector("k1", ("k1", OldKey)).Protect(Guid.NewGuid(), Text, DateTimeOffset.UnixEpoch);
        var e = Assert.Throws<NoteUnreadableException>(() => Protector("k2", ("k2", NewKeyValue)).Unprotect(old));

        Assert.Contains("note key 'k1' is not configured", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("chest", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing", "ActiveKeyId 'missing' is not among")]
    [InlineData("short", "Keys:short must be base64 of exactly 32 bytes")]
    [InlineData("empty", "Keys:empty must be base64 of exactly 32 bytes")]
    public void bad_key_settings_are_refused_at_start(string active, string message)
    {
        var options = new NoteProtectionOptions
        {
            ActiveKeyId = active,
            Keys = new() { ["k1"] = OldKey, ["short"] = Convert.ToBase64String(new byte[16]), ["empty"] = null },
            HashKey = HashKey,
        };
        var errors = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).Select(r => r.ErrorMessage).ToList();
        Assert.Contains(errors, e => e!.Contains(message, StringComparison.Ordinal));
    }

    private static NoteProtector Protector(string active, params (string Id, string Key)[] keys) =>
        new(Options.Create(new NoteProtectionOptions { ActiveKeyId = active, Keys = keys.ToDictionary(k => k.Id, k => (string?)k.Key), HashKey = HashKey }));

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
