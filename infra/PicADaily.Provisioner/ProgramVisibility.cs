// The provisioner is a tool, not a web app under test: without this, ASP.NET Core's generator makes
// its top-level Program public, and it would clash with each service's Program in the test projects
// that use the provisioner's code (PicADaily.Testing).
internal partial class Program;
