using Coding.Core.Accounts;

namespace Coding.UnitTests.Accounts;

public sealed class the_password_hashing
{
    [Fact]
    public void verifies_the_password_it_hashed_and_nothing_else()
    {
        var stored = PasswordHashing.Hash("correct horse battery", iterations: 1_000);
        Assert.True(PasswordHashing.Verify("correct horse battery", stored));
        Assert.False(PasswordHashing.Verify("correct horse batterY", stored));
        Assert.False(PasswordHashing.Verify("", stored));
    }

    [Fact]
    public void salts_every_hash_and_records_its_work_factor()
    {
        var a = PasswordHashing.Hash("same password here");
        var b = PasswordHashing.Hash("same password here");
        Assert.NotEqual(a, b);
        var parts = a.Split('$');
        Assert.Equal(["pbkdf2-sha512", PasswordHashing.DefaultIterations.ToString(System.Globalization.CultureInfo.InvariantCulture)], parts[..2]);
        Assert.DoesNotContain("same password", a, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain-text-password")]
    [InlineData("pbkdf2-sha512$0$AAAA$AAAA")]
    [InlineData("pbkdf2-sha512$1000$not base64!$AAAA")]
    [InlineData("md5$1$AAAA$AAAA")]
    public void refuses_a_stored_value_it_did_not_write(string stored) =>
        Assert.False(PasswordHashing.Verify("plain-text-password", stored));

    [Fact]
    public void generated_passwords_are_long_random_and_url_safe()
    {
        var passwords = Enumerable.Range(0, 50).Select(_ => PasswordHashing.NewPassword()).ToList();
        Assert.Equal(50, passwords.Distinct().Count());
        Assert.All(passwords, p => Assert.Matches("^[A-Za-z0-9=]{24}$", p));
    }
}
