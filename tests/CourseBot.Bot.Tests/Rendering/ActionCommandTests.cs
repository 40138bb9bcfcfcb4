using System.Text;
using CourseBot.Bot.Rendering;

namespace CourseBot.Bot.Tests.Rendering;

/// <summary>Command text in a platform's id: as it is when it fits, compacted when not, and back.</summary>
public sealed class ActionCommandTests
{
    [Fact]
    public void A_command_that_fits_is_its_own_id()
    {
        Assert.Equal("/lead-menu 2025-09-08", ActionCommand.Encode("/lead-menu 2025-09-08", 100));
        Assert.Equal("/lead-menu 2025-09-08", ActionCommand.Decode("/lead-menu 2025-09-08"));
    }

    [Fact]
    public void A_repeat_is_numbered_and_still_reads_as_the_command()
    {
        var second = ActionCommand.Encode("/reading week 3", 100, number: 1);

        Assert.Equal("1./reading week 3", second);
        Assert.Equal("/reading week 3", ActionCommand.Decode(second));
    }

    [Theory]
    [InlineData("/search serving serving serving serving serving serving serving serving serving serving serving serving serving serving")]
    [InlineData("/paper Large Language Model Serving, Large Language Model Serving, Large Language Model Serving, Large Language Model Serving")]
    [InlineData("which papers are required for week 3?")]
    public void Text_too_long_or_not_a_command_travels_compacted_within_the_limit_and_comes_back_whole(string command)
    {
        var id = ActionCommand.Encode(command, 100);

        Assert.NotNull(id);
        Assert.StartsWith("~", id);
        Assert.InRange(id.Length, 1, 100);
        Assert.Equal(command, ActionCommand.Decode(id));
        Assert.Equal(command, ActionCommand.Decode(ActionCommand.Encode(command, 100, number: 3)));
    }

    [Fact]
    public void Text_that_does_not_fit_even_compacted_has_no_id()
    {
        var random = new Random(13);
        var noise = "/" + new string([.. Enumerable.Range(0, 300).Select(_ => (char)random.Next('!', '~'))]);

        Assert.Null(ActionCommand.Encode(noise, 100));
        Assert.NotNull(ActionCommand.Encode(noise, 2000));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("lead:42")]
    [InlineData("select.0")]
    [InlineData("3.")]
    [InlineData("~")]
    [InlineData("~not base64!")]
    [InlineData("~AAAA")]
    public void An_id_coursebot_did_not_write_reads_as_nothing(string? id)
    {
        Assert.Null(ActionCommand.Decode(id));
    }

    [Fact]
    public void A_compact_id_that_unpacks_to_no_text_reads_as_nothing()
    {
        // Valid Brotli, but the bytes are not UTF-8.
        var bytes = new byte[] { 0xff, 0xfe, 0xfd };
        var packed = new byte[64];
        Assert.True(System.IO.Compression.BrotliEncoder.TryCompress(bytes, packed, out var written));

        Assert.Null(ActionCommand.Decode("~" + System.Buffers.Text.Base64Url.EncodeToString(packed.AsSpan(0, written))));
        Assert.Equal("/x", ActionCommand.Decode("~" + System.Buffers.Text.Base64Url.EncodeToString(Packed("/x"))));
    }

    private static byte[] Packed(string text)
    {
        var packed = new byte[64];
        Assert.True(System.IO.Compression.BrotliEncoder.TryCompress(Encoding.UTF8.GetBytes(text), packed, out var written));
        return packed[..written];
    }
}
