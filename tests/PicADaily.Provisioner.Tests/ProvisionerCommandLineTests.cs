namespace PicADaily.Provisioner.Tests;

public sealed class ProvisionerCommandLineTests
{
    [Fact]
    public void Endpoints_buckets_and_the_push_account_are_read_from_the_command_line()
    {
        var parsed = ProvisionerCommandLine.Parse(
            ["--project", "p1", "--endpoint", "thumbnail=https://thumbnail-x.a.run.app", "--bucket", "pictures=p1-pictures",
             "--push-service-account", "push@p1.iam.gserviceaccount.com", "--notification-topic-form", "full"], null);

        Assert.Equal("p1", parsed.ProjectId);
        Assert.Equal(new Uri("https://thumbnail-x.a.run.app"), parsed.Settings.Endpoints["thumbnail"]);
        Assert.Equal("p1-pictures", parsed.Settings.BucketName("pictures"));
        Assert.Equal("thumbnails", parsed.Settings.BucketName("thumbnails"));
        Assert.Equal("push@p1.iam.gserviceaccount.com", parsed.Settings.PushServiceAccount);
        Assert.False(parsed.Settings.ShortNotificationTopics);
        Assert.True(parsed.NotificationTopicFormGiven);
    }

    [Theory]
    [InlineData("--endpoint", "thumbnail")]
    [InlineData("--endpoint", "thumbnail=not a url")]
    [InlineData("--endpoint", "thumbnail=ftp://x")]
    [InlineData("--notification-topic-form", "medium")]
    [InlineData("--frobnicate", "x")]
    [InlineData("--minimum-backoff", "soon")]
    public void A_malformed_option_is_a_clear_usage_error(string option, string value)
    {
        var error = Assert.Throws<ArgumentException>(() => ProvisionerCommandLine.Parse([option, value], null));

        Assert.Contains(option, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_option_missing_its_value_is_a_usage_error()
    {
        Assert.Throws<ArgumentException>(() => ProvisionerCommandLine.Parse(["--project"], null));
    }

    [Fact]
    public void Retry_backoff_overrides_take_any_duration_form_and_become_proto_durations()
    {
        var parsed = ProvisionerCommandLine.Parse(["--minimum-backoff", "500ms", "--maximum-backoff", "00:00:02", "--print-records"], null);

        Assert.Equal("0.5s", parsed.Settings.MinimumBackoffOverride);
        Assert.Equal("2s", parsed.Settings.MaximumBackoffOverride);
        Assert.True(parsed.PrintRecords);
    }
}
