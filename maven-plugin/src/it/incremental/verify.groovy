// The second of two identical builds compiles nothing: the state file under target/ says nothing changed.
def log = new File(basedir, 'build.log').text
assert log.contains('netlingua: nothing changed since the last build, the outputs in ')
def state = new File(basedir, 'target/netlingua/default.state')
assert state.isFile()
def lines = state.readLines()
assert lines.any { it.startsWith('parameter pluginVersion=') }
assert lines.any { it ==~ /source common\/ports\.npl [0-9a-f]{64}/ }
assert lines.any { it ==~ /output kubernetes\/shop\/web\.yaml [0-9a-f]{64}/ }
assert new File(basedir, 'target/generated-resources/netlingua/kubernetes/shop/web.yaml').text.contains('port: 8080')
return true
