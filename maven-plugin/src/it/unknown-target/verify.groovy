// A target the plugin does not know fails the build, naming the valid ones.
def log = new File(basedir, 'build.log').text
assert log.contains("netlingua: <targets>: unknown target 'istio'; the valid targets are kubernetes, ")
assert log.contains('calico')
return true
