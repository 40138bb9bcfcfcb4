using System.Net;
using CourseBot.Bot.Hosting;
using CourseBot.Bot.Tests.Scheduling;
using CourseBot.Bot.Tests.Testing;

namespace CourseBot.Bot.Tests.Running;

/// <summary>Hostile and broken sources on loopback: redirects away from http, huge, endless, trickling and half-written.</summary>
public sealed class SourceReaderTests : IAsyncDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(500);

    // Only a guard so that a regression fails instead of hanging the run; the tests wait for signals.
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(20);

    private readonly LoopbackFileServer _site = new();
    private readonly TempDirectory _folder = new();
    private readonly TimerSignals _time = new();
    private readonly HttpClient _http = SourceReader.NewHttpClient();
    private readonly SourceReader _reader;

    public SourceReaderTests() => _reader = new SourceReader(_http, _time, Deadline, Settle);

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _site.DisposeAsync();
        _folder.Dispose();
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://127.0.0.1/reading_list.md")]
    [InlineData("gopher:passwd")]
    public async Task A_redirect_to_anything_but_http_is_a_failed_read_that_says_why(string target)
    {
        _site.Handle("reading_list.md", (response, _) =>
        {
            response.StatusCode = 302;
            response.Headers["Location"] = target;
            return Task.CompletedTask;
        });
        var read = await _reader.ReadAsync(_site.Url("reading_list.md"), null, CancellationToken.None).WaitAsync(Guard);

        var failed = Assert.IsType<SourceRead.Failed>(read);
        Assert.Contains("only http and https redirects are followed", failed.Reason);
        Assert.DoesNotContain("passwd", failed.Reason);
    }

    [Fact]
    public async Task An_http_redirect_is_followed()
    {
        _site.Put("moved.md", "# Moved");
        _site.Handle("reading_list.md", (response, _) =>
        {
            response.StatusCode = 301;
            response.Headers["Location"] = "/moved.md";
            return Task.CompletedTask;
        });
        var read = await _reader.ReadAsync(_site.Url("reading_list.md"), null, CancellationToken.None).WaitAsync(Guard);

        Assert.Equal("# Moved"u8.ToArray(), Assert.IsType<SourceRead.Changed>(read).Content.Bytes);
    }

    [Fact]
    public async Task A_response_that_announces_more_than_the_cap_is_not_read_at_all()
    {
        _site.Handle("papers.yaml", async (response, stop) =>
        {
            response.ContentLength64 = 1L << 30;
            await response.OutputStream.WriteAsync(new byte[64 * 1024], stop);
            await Task.Delay(Timeout.Infinite, stop);
        });

        var read = await _reader.ReadAsync(_site.Url("papers.yaml"), null, CancellationToken.None).WaitAsync(Guard);

        Assert.Contains("1024.0 MB, more than the 8 MB", Assert.IsType<SourceRead.Failed>(read).Reason);
    }

    [Fact]
    public async Task An_endless_body_is_read_only_up_to_the_cap()
    {
        long sent = 0;
        _site.Handle("papers.yaml", async (response, stop) =>
        {
            response.SendChunked = true;
            var chunk = new byte[64 * 1024];
            chunk.AsSpan().Fill((byte)'a');
            while (true)
            {
                await response.OutputStream.WriteAsync(chunk, stop);
                Interlocked.Add(ref sent, chunk.Length);
            }
        });

        var read = await _reader.ReadAsync(_site.Url("papers.yaml"), null, CancellationToken.None).WaitAsync(Guard);

        Assert.Contains("more than the 8 MB CourseBot reads, so reading stopped there", Assert.IsType<SourceRead.Failed>(read).Reason);
        Assert.True(Interlocked.Read(ref sent) < 64L << 20, $"the server could send {Interlocked.Read(ref sent)} bytes");
    }

    [Fact]
    public async Task A_local_file_over_the_cap_is_refused_by_its_size()
    {
        var path = Path.Combine(_folder.Path, "papers.yaml");
        using (var file = File.Create(path))
        {
            file.SetLength(SourceReader.MaxBytes + 1024 * 1024);
        }

        var read = await _reader.ReadAsync(path, null, CancellationToken.None);

        Assert.Contains("9.0 MB, more than the 8 MB", Assert.IsType<SourceRead.Failed>(read).Reason);
    }

    [Fact]
    public async Task A_body_that_trickles_is_stopped_at_the_deadline()
    {
        var started = _site.Trickle("reading_list.md", _time);

        var read = _reader.ReadAsync(_site.Url("reading_list.md"), null, CancellationToken.None);
        await started.WaitAsync(Guard);
        for (var waited = TimeSpan.Zero; waited < Deadline; waited += TimeSpan.FromSeconds(5))
        {
            Assert.False(read.IsCompleted);
            _time.Advance(TimeSpan.FromSeconds(5));
        }

        var failed = Assert.IsType<SourceRead.Failed>(await read.WaitAsync(Guard));
        Assert.Contains("longer than 30 s", failed.Reason);
    }

    [Fact]
    public async Task A_changed_file_is_taken_only_once_it_stays_the_same_for_the_settle_time()
    {
        var path = Path.Combine(_folder.Path, "reading_list.md");
        await File.WriteAllTextAsync(path, "# Week 1\n");
        var served = Assert.IsType<SourceRead.Changed>(await _reader.ReadAsync(path, null, CancellationToken.None)).Content;

        // An editor truncated the file and has written only part of it.
        await File.WriteAllTextAsync(path, "# Wee");
        var read = _reader.ReadAsync(path, served, CancellationToken.None);
        await _time.WaitForTimerAsync(Settle);
        await File.WriteAllTextAsync(path, "# Week 1\n# Week 2\n");
        _time.Advance(Settle);
        await _time.WaitForTimerAsync(Settle);
        _time.Advance(Settle);

        var changed = Assert.IsType<SourceRead.Changed>(await read.WaitAsync(Guard));
        Assert.Equal("# Week 1\n# Week 2\n", System.Text.Encoding.UTF8.GetString(changed.Content.Bytes));
    }

    [Fact]
    public async Task The_first_load_of_a_file_does_not_wait_to_settle()
    {
        var path = Path.Combine(_folder.Path, "reading_list.md");
        await File.WriteAllTextAsync(path, "# Week 1\n");

        var read = await _reader.ReadAsync(path, null, CancellationToken.None).WaitAsync(Guard);

        Assert.IsType<SourceRead.Changed>(read);
    }
}
