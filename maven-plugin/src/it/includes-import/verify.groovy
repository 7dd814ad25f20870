// includes selects shop/ only and excludes take shop/defaults.npl and shop/drafts/ out of it. shop/web.npl imports
// ../common/ports.npl (not included) and defaults.npl (excluded): both are read for their lets (the root is the source
// directory), but neither file is part of the program, so the policy of defaults.npl is not compiled. The broken files
// of broken/ (not included) and shop/drafts/ (excluded) are not read.
def out = new File(basedir, 'target/generated-resources/netlingua/kubernetes')
def web = new File(out, 'shop/web.yaml')
assert web.isFile()
assert web.text.contains('port: 8080')
assert web.text.contains('port: 9090')
assert !new File(out, 'shop/defaults.yaml').exists()
assert out.list().sort() == ['shop']
assert new File(out, 'shop').list().sort() == ['web.yaml']
def log = new File(basedir, 'build.log').text
assert log.contains('netlingua kubernetes 1.35: 1 object(s) in ')
assert !log.contains('broken.npl')
assert !log.contains('[ERROR]')
return true
