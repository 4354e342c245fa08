using Auth.Jwt.Accounts;

namespace Auth.Jwt.Tests.Accounts;

public sealed class PasswordPolicyTests
{
    [Fact]
    public void Validate_SeedCredentials_Pass()
    {
        PasswordPolicy.Validate("djangsta", "django.pony").Should().BeEmpty();
    }

    [Theory]
    [InlineData("djangsta", "django.pony", 10.0 / 19)]
    [InlineData("djangsta", "django", 10.0 / 14)]
    [InlineData("abc", "abc", 1.0)]
    [InlineData("abcd", "wxyz", 0.0)]
    public void QuickRatio_MatchesPythonDifflib(string a, string b, double expected)
    {
        PasswordPolicy.QuickRatio(a, b).Should().BeApproximately(expected, 1e-9);
    }

    [Fact]
    public void Validate_SimilarityUsesTheWholeUsernameNotItsParts()
    {
        // Against the part "django" the ratio is 0.714, over Django's 0.7; against the whole it is 0.526.
        PasswordPolicy.IsTooSimilar("djangsta", "django.pony").Should().BeFalse();
        PasswordPolicy.IsTooSimilar("djangsta", "django").Should().BeTrue();
    }

    [Fact]
    public void Validate_CommonPasswordList_HoldsAbout20000Entries()
    {
        PasswordPolicy.Validate("bigpimpin1", "someone").Should().Equal("This password is too common.");
        PasswordPolicy.Validate("  Password1  ", "someone").Should().Equal("This password is too common.");
    }
}
