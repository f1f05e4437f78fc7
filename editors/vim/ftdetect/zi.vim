" Zona Integritas criteria files (zic): *.zi
autocmd BufRead,BufNewFile *.zi setfiletype zi
