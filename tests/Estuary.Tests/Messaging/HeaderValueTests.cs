using System;
using System.Globalization;
using Estuary.Runtime;
using Xunit;

namespace Estuary.Tests.Messaging;

public sealed class HeaderValueTests
{
    [Fact]
    public void Text_is_parsed_to_int()
    {
        Assert.True(HeaderValue.TryParsable<int>("42", out var value));
        Assert.Equal(42, value);
    }

    [Fact]
    public void Value_already_of_the_type_is_taken_as_is()
    {
        var id = Guid.NewGuid();

        Assert.True(HeaderValue.TryParsable<int>(42, out var number));
        Assert.True(HeaderValue.TryParsable<Guid>(id, out var guid));
        Assert.Equal(42, number);
        Assert.Equal(id, guid);
    }

    [Theory]
    [InlineData("forty-two")]
    [InlineData("")]
    [InlineData(null)]
    public void Unparsable_text_or_null_is_rejected(string? raw) => Assert.False(HeaderValue.TryParsable<int>(raw, out _));

    [Fact]
    public void Value_of_another_numeric_type_is_rejected_rather_than_converted()
    {
        Assert.False(HeaderValue.TryParsable<int>(42L, out _));
    }

    [Fact]
    public void Text_is_parsed_to_Guid_and_DateTimeOffset()
    {
        var id = Guid.NewGuid();

        Assert.True(HeaderValue.TryParsable<Guid>(id.ToString("D"), out var guid));
        Assert.True(HeaderValue.TryParsable<DateTimeOffset>("2030-01-02T03:04:05+01:00", out var sent));
        Assert.Equal(id, guid);
        Assert.Equal(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.FromHours(1)), sent);
    }

    [Fact]
    public void Parsing_uses_the_invariant_culture_whatever_the_current_one()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            Assert.True(HeaderValue.TryParsable<double>("1.5", out var parsed));
            Assert.True(HeaderValue.TryString(1.5, out var formatted));
            Assert.Equal(1.5, parsed);
            Assert.Equal("1.5", formatted);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Theory]
    [InlineData("Friday")]
    [InlineData("friday")]
    [InlineData("5")]
    public void Enum_is_read_from_its_name_ignoring_case_or_its_number_as_text(string raw)
    {
        Assert.True(HeaderValue.TryEnum<DayOfWeek>(raw, out var day));
        Assert.Equal(DayOfWeek.Friday, day);
    }

    [Fact]
    public void Enum_value_is_taken_as_is_and_unknown_names_are_rejected()
    {
        Assert.True(HeaderValue.TryEnum<DayOfWeek>(DayOfWeek.Monday, out var day));
        Assert.Equal(DayOfWeek.Monday, day);
        Assert.False(HeaderValue.TryEnum<DayOfWeek>("Funday", out _));
        Assert.False(HeaderValue.TryEnum<DayOfWeek>(null, out _));
    }

    [Fact]
    public void Text_is_read_from_strings_formattable_values_and_other_objects()
    {
        var sent = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);

        Assert.True(HeaderValue.TryString("alice", out var text));
        Assert.True(HeaderValue.TryString(42, out var number));
        Assert.True(HeaderValue.TryString(sent, out var date));
        Assert.True(HeaderValue.TryString(new Uri("https://example.org/a"), out var other));
        Assert.False(HeaderValue.TryString(null, out _));
        Assert.Equal("alice", text);
        Assert.Equal("42", number);
        Assert.Equal(sent.ToString(null, CultureInfo.InvariantCulture), date);
        Assert.Equal("https://example.org/a", other);
    }

    [Fact]
    public void Cast_accepts_only_values_of_the_type()
    {
        var uri = new Uri("https://example.org");

        Assert.True(HeaderValue.TryCast<Uri>(uri, out var cast));
        Assert.Same(uri, cast);
        Assert.False(HeaderValue.TryCast<Uri>("https://example.org", out _));
        Assert.False(HeaderValue.TryCast<int>(null, out _));
    }
}
