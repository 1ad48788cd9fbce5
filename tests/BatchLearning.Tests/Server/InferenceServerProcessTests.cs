using System.ClientModel;
using System.Diagnostics;
using BatchLearning.Email;
using BatchLearning.Providers;
using BatchLearning.Serving;
using OpenAI;
using OpenAI.Chat;
using BatchLearning.Tests.Support;

namespace BatchLearning.Tests.Server;

[Trait(Tier.Name, Tier.Full)]
[Collection(ServerCollection.Name)]
public sealed class InferenceServerProcessTests
{
    [Fact]
    public async Task The_server_runs_as_a_child_process_on_a_free_loopback_port_answers_the_SDK_and_stops_with_exit_code_0()
    {
        using var server = await InferenceServerProcess.StartAsync(new InferenceServerSettings(ServerTestBed.ModelFolder));
        var email = EmailGenerator.Day(1, new DateOnly(2026, 3, 2), seed: 14)[0];
        using var classifier = EmailClassifier.Load(ServerTestBed.ModelFolder);

        Assert.Equal("127.0.0.1", server.Root.Host);
        Assert.NotEqual(0, server.Root.Port);
        var chat = new OpenAIClient(new ApiKeyCredential("any"), new OpenAIClientOptions { Endpoint = server.BaseUrl }).GetChatClient("batchlearning-email");
        ChatCompletion completion = await chat.CompleteChatAsync([new UserChatMessage(ClassificationPrompt.User(email))]);
        Assert.Equal(classifier.Classify([email])[0].ToString(), completion.Content[0].Text);
        Assert.Equal(0, await server.StopAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task A_server_that_refuses_its_settings_is_reported_with_its_exit_code_and_reason()
    {
        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            InferenceServerProcess.StartAsync(new InferenceServerSettings(ServerTestBed.ModelFolder) { MoreArguments = ["--Host", "0.0.0.0"] }));

        Assert.Contains("exited with code 78", failed.Message, StringComparison.Ordinal);
        Assert.Contains("AllowRemote", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_server_stops_by_itself_with_exit_code_0_when_the_process_that_started_it_ends()
    {
        using var parent = Process.Start(new ProcessStartInfo("sleep", "120") { UseShellExecute = false })!;
        using var server = await InferenceServerProcess.StartAsync(new InferenceServerSettings(ServerTestBed.ModelFolder)
        {
            MoreArguments = ["--ParentProcessId", parent.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)],
        });

        parent.Kill();
        await parent.WaitForExitAsync();

        Assert.Equal(0, await server.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains(server.Logs, line => line.Contains($"The process that started the server ({parent.Id}) has ended: stopping.", StringComparison.Ordinal));
    }
}
