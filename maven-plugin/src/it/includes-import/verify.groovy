// includes selects shop/ only: its import of ../common/ports.npl is read (the root is the source directory), and
// the broken file in another folder is not part of the program.
def out = new File(basedir, 'target/generated-resources/netlingua/kubernetes')
def web = new File(out, 'shop/web.yaml')
assert web.isFile()
assert web.text.contains('port: 8080')
def log = new File(basedir, 'build.log').text
assert !log.contains('broken.npl')
assert !log.contains('[ERROR]')
return true
